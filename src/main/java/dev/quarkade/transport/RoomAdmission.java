package dev.quarkade.transport;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.room.DurableRooms;
import dev.quarkade.room.Room;
import dev.quarkade.room.RoomService;
import io.smallrye.mutiny.Uni;

/**
 * Decides, at the upgrade, whether an authenticated player may enter a room: 404 for a room that does not exist, 409
 * when it has no seat for them, 503 once the server is shutting down. An admitted player's seat is held, so the
 * connection that follows always finds it. With durable rooms, a room this node does not have is first restored from
 * its snapshot ({@link DurableRooms#restore}) when its node is gone: its players find their seats again.
 */
@ApplicationScoped
public class RoomAdmission {

    /** Upgrade accepted. */
    static final int ADMITTED = 101;

    private final RoomService rooms;
    private final DurableRooms durable;

    public RoomAdmission(RoomService rooms, DurableRooms durable) {
        this.rooms = rooms;
        this.durable = durable;
    }

    /** The HTTP status to answer the upgrade with: {@link #ADMITTED}, 404, 409, or 503 while shutting down. */
    Uni<Integer> admit(String roomId, UUID player) {
        if (rooms.isDraining()) {
            return Uni.createFrom().item(503);
        }
        Optional<Room> room = rooms.find(roomId);
        if (room.isPresent() || !durable.enabled()) {
            return Uni.createFrom().item(seat(room, player));
        }
        // A restore that lost to a concurrent one on this node completes after it: the room is then open here.
        return durable.restore(roomId).map(restored -> seat(restored.or(() -> rooms.find(roomId)), player));
    }

    private static int seat(Optional<Room> room, UUID player) {
        if (room.isEmpty()) {
            return 404;
        }
        return room.get().hold(player, System.currentTimeMillis()) ? ADMITTED : 409;
    }
}
