package dev.quarkade.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.room.Room;
import dev.quarkade.room.RoomReport;
import dev.quarkade.room.runtime.OpenRoom;
import dev.quarkade.room.runtime.RoomRegistry;

/** The open rooms as an operator sees them: their latest reports, fullest first. */
@ApplicationScoped
public class LiveRooms {

    private final RoomRegistry rooms;

    LiveRooms(RoomRegistry rooms) {
        this.rooms = rooms;
    }

    public List<RoomReport> all() {
        return rooms.all().stream().map(OpenRoom::room).filter(r -> !r.isClosed()).map(Room::report)
                .sorted(Comparator.comparingInt((RoomReport s) -> -s.players().size())
                        .thenComparing(RoomReport::roomId))
                .toList();
    }

    public Optional<RoomReport> find(String roomId) {
        return rooms.find(roomId).map(Room::report);
    }
}
