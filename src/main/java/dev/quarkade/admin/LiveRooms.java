package dev.quarkade.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.room.Room;
import dev.quarkade.room.RoomService;
import dev.quarkade.room.RoomSnapshot;

/** The open rooms as an operator sees them: their latest snapshots, fullest first. */
@ApplicationScoped
public class LiveRooms {

    private final RoomService rooms;

    public LiveRooms(RoomService rooms) {
        this.rooms = rooms;
    }

    public List<RoomSnapshot> all() {
        return rooms.rooms().stream().filter(r -> !r.isClosed()).map(Room::snapshot)
                .sorted(Comparator.comparingInt((RoomSnapshot s) -> -s.players().size())
                        .thenComparing(RoomSnapshot::roomId))
                .toList();
    }

    public Optional<RoomSnapshot> find(String roomId) {
        return rooms.find(roomId).map(Room::snapshot);
    }
}
