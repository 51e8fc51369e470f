package dev.quarkade.cluster;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import dev.quarkade.room.DurableRooms;
import dev.quarkade.room.Room;
import dev.quarkade.room.RoomService;
import io.smallrye.mutiny.Uni;

/**
 * Brings back, on this node, a room whose node is gone: {@link DurableRooms#restore} (exactly one caller anywhere
 * wins the room; its seats wait DROPPED for their players), then, in cluster mode, the room is written to the
 * directory as owned here before anyone is told where it is. A caller that lost the race finds the winner's room with
 * {@link #relocate}.
 */
@ApplicationScoped
public class RoomRecovery {

    /** How long a loser of a restore race looks for the winner's registration. */
    private static final int RELOCATE_ATTEMPTS = 10;
    private static final Duration RELOCATE_PAUSE = Duration.ofMillis(100);

    private final DurableRooms durable;
    private final RoomService rooms;
    private final ClusterMode mode;
    private final Instance<DirectorySync> sync;
    private final Instance<RoomDirectory> directory;

    RoomRecovery(DurableRooms durable, RoomService rooms, ClusterMode mode, Instance<DirectorySync> sync,
            Instance<RoomDirectory> directory) {
        this.durable = durable;
        this.rooms = rooms;
        this.mode = mode;
        this.sync = sync;
        this.directory = directory;
    }

    /**
     * The room restored here (and registered in the directory in cluster mode), or already open here after a
     * concurrent restore on this node; empty when rooms are not durable, there is no snapshot, its owner is alive or
     * another node won it.
     */
    public Uni<Optional<Room>> recover(String roomId) {
        if (!durable.enabled()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return durable.restore(roomId).flatMap(restored -> {
            if (restored.isEmpty()) {
                return Uni.createFrom().item(rooms.find(roomId));
            }
            Room room = restored.get();
            return mode.enabled() ? sync.get().publish(room).replaceWith(restored) : Uni.createFrom().item(restored);
        });
    }

    /**
     * Cluster mode, after a restore found nothing here: where the room is now, waiting briefly for the node that won
     * the restore to register it. Answers the last location seen (DEAD or MISSING when nobody brought it back).
     */
    public Uni<RoomDirectory.Location> relocate(String roomId) {
        return relocate(roomId, RELOCATE_ATTEMPTS);
    }

    private Uni<RoomDirectory.Location> relocate(String roomId, int attempts) {
        return directory.get().locate(roomId).flatMap(location -> {
            if (location.state() == RoomDirectory.Location.State.LIVE || attempts <= 1 || !durable.enabled()) {
                return Uni.createFrom().item(location);
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(RELOCATE_PAUSE)
                    .flatMap(v -> relocate(roomId, attempts - 1));
        });
    }
}
