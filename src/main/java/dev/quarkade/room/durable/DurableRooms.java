package dev.quarkade.room.durable;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.quarkade.node.NodeName;
import dev.quarkade.protocol.ProtocolException;
import dev.quarkade.room.Room;
import dev.quarkade.room.SavedRoom;
import dev.quarkade.room.runtime.GameCatalog;
import dev.quarkade.room.runtime.RoomConfig;
import dev.quarkade.room.runtime.RoomOpener;
import dev.quarkade.room.runtime.RoomRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Durable rooms ({@code quarkade.room.durable}): brings back, on this node, a room whose node died, from the last
 * snapshot {@link SnapshotWriter} wrote of it. Called at the WebSocket upgrade when a player asks for a room this node
 * does not have (and by a cluster directory when a room's node is dead).
 *
 * <p>
 * A restore takes the snapshot over in PostgreSQL before rebuilding anything: the owner column changes from the dead
 * node's incarnation to this one's in one conditional UPDATE, so of any number of concurrent restores, on this node or
 * others, exactly one gets the room. Its seats all start DROPPED with the reconnect grace counted from the restore:
 * players resume by reconnecting; those who do not come back within the grace leave as usual.
 */
@ApplicationScoped
public class DurableRooms {

    private static final Logger LOG = Logger.getLogger(DurableRooms.class);
    private static final Uni<Optional<Room>> NONE = Uni.createFrom().item(Optional.empty());

    private final boolean enabled;
    private final RoomRegistry rooms;
    private final GameCatalog games;
    private final RoomOpener opener;
    private final SnapshotStore snapshots;
    private final RoomOwners owners;
    private final String me = NodeName.incarnation();
    /** Restores under way on this node: a second one for the same room waits for the first and answers empty. */
    private final Map<String, CompletableFuture<Void>> underWay = new ConcurrentHashMap<>();

    DurableRooms(RoomConfig config, RoomRegistry rooms, GameCatalog games, RoomOpener opener, SnapshotStore snapshots,
            RoomOwners owners) {
        this.enabled = config.durable();
        this.rooms = rooms;
        this.games = games;
        this.opener = opener;
        this.snapshots = snapshots;
        this.owners = owners;
    }

    /** Whether rooms are snapshotted and restored ({@code quarkade.room.durable}). */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Restores the room {@code roomId} on this node from its newest snapshot, if its owner is dead and this call wins
     * the claim. Empty when rooms are not durable, the server is shutting down, the room is already open here, there
     * is no snapshot, it is unreadable or of a game this node lacks, its owner is alive, or another restore claimed it
     * first (then {@link RoomRegistry#find} has it if that restore ran on this node: a concurrent call here completes
     * only after it). Never fails.
     */
    public Uni<Optional<Room>> restore(String roomId) {
        if (!enabled) {
            return NONE;
        }
        return Uni.createFrom().deferred(() -> {
            if (rooms.isDraining() || rooms.find(roomId).isPresent()) {
                return NONE;
            }
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> other = underWay.putIfAbsent(roomId, mine);
            if (other != null) {
                return Uni.createFrom().completionStage(other).replaceWith(Optional.<Room> empty());
            }
            return claimAndRestore(roomId)
                    .onFailure().recoverWithItem(failure -> {
                        LOG.warnf("Room %s could not be restored: %s", roomId, failure.getMessage());
                        return Optional.empty();
                    })
                    .onTermination().invoke(() -> {
                        underWay.remove(roomId, mine);
                        mine.complete(null);
                    });
        });
    }

    private Uni<Optional<Room>> claimAndRestore(String roomId) {
        return snapshots.find(roomId).flatMap(found -> {
            if (found.isEmpty()) {
                return NONE;
            }
            SnapshotStore.Stored stored = found.get();
            if (!SavedRoom.readable(stored.formatVersion()) || !games.has(stored.game())) {
                // Left for a node that reads it (another version, another game): never claimed, never deleted here.
                LOG.infof("Room %s: snapshot of format %d, game %s, not restorable on this node", roomId,
                        stored.formatVersion(), stored.game());
                return NONE;
            }
            return owners.isAlive(stored.owner()).flatMap(alive -> alive ? NONE
                    : snapshots.claim(roomId, stored.owner(), me)
                            .map(body -> body.flatMap(b -> open(roomId, b, stored.formatVersion()))));
        });
    }

    /** Rebuilds the claimed room; a snapshot that cannot be read or fitted is deleted, as nobody could use it. */
    private Optional<Room> open(String roomId, byte[] body, int formatVersion) {
        try {
            SavedRoom saved = SavedRoom.decode(body, formatVersion);
            if (!saved.id().equals(roomId)) {
                throw new IllegalArgumentException("snapshot of room " + roomId + " holds room " + saved.id());
            }
            Room room = opener.restore(saved);
            LOG.infof("Room %s restored from its snapshot at tick %d with %d dropped seat(s)", roomId,
                    saved.tick(), saved.seats().size());
            return Optional.of(room);
        } catch (ProtocolException | RuntimeException e) {
            LOG.warnf("Snapshot of room %s is unusable and deleted: %s", roomId, e.getMessage());
            snapshots.delete(roomId, me).subscribe().with(deleted -> {
            }, failure -> LOG.debugf("Unusable snapshot of room %s not deleted: %s", roomId, failure.getMessage()));
            return Optional.empty();
        }
    }
}
