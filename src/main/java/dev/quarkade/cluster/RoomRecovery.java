package dev.quarkade.cluster;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.room.Room;
import io.smallrye.mutiny.Uni;

/**
 * Brings a room whose node died back on this node. Until durable rooms exist nothing can be brought back: the
 * room is lost and its players get the documented "room lost" answer.
 */
@ApplicationScoped
public class RoomRecovery {

    /** The room restored and registered here, or empty when it cannot be (or another node got it first). */
    public Uni<Optional<Room>> recover(String roomId) {
        return Uni.createFrom().item(Optional.empty());
    }
}
