package dev.quarkade.transport;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.room.Room;
import dev.quarkade.room.RoomService;

/**
 * Decides, at the upgrade, whether an authenticated player may enter a room: 404 for a room that does not exist, 409
 * when it has no seat for them, 503 once the server is shutting down. An admitted player's seat is held, so the connection that follows always finds it.
 */
@ApplicationScoped
public class RoomAdmission {

    /** Upgrade accepted. */
    static final int ADMITTED = 101;

    private final RoomService rooms;

    public RoomAdmission(RoomService rooms) {
        this.rooms = rooms;
    }

    /** The HTTP status to answer the upgrade with: {@link #ADMITTED}, 404, 409, or 503 while shutting down. */
    int admit(String roomId, UUID player) {
        if (rooms.isDraining()) {
            return 503;
        }
        Room room = rooms.find(roomId).orElse(null);
        if (room == null) {
            return 404;
        }
        return room.hold(player, System.currentTimeMillis()) ? ADMITTED : 409;
    }
}
