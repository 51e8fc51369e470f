package dev.quarkade.transport;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import dev.quarkade.cluster.ClusterMode;
import dev.quarkade.cluster.ClusterNode;
import dev.quarkade.cluster.RoomDirectory;
import dev.quarkade.cluster.RoomRecovery;
import dev.quarkade.room.DurableRooms;
import dev.quarkade.room.Room;
import dev.quarkade.room.RoomService;
import io.smallrye.mutiny.Uni;

/**
 * Decides, at the upgrade, whether an authenticated player may enter a room: 404 for a room that does not exist, 409
 * when it has no seat for them, 503 once the server is shutting down. An admitted player's seat is held, so the
 * connection that follows always finds it. With durable rooms, a room this node does not have is first restored from
 * its snapshot ({@link DurableRooms#restore}, through {@link RoomRecovery}) when its node is gone: its players find
 * their seats again.
 *
 * <p>
 * In cluster mode the seat is first held in the directory, where holds made through other nodes count: a player
 * promised a seat elsewhere gets in, nobody else can take that seat. A room of another live node answers 421 (its
 * node's URL in {@link #NODE_URL_HEADER}); a room whose node died is restored here when it can be, else 404.
 */
@ApplicationScoped
public class RoomAdmission {

    /** Upgrade accepted. */
    static final int ADMITTED = 101;
    /** The room runs on another node: the answer carries that node's room URL. */
    static final int WRONG_NODE = 421;
    /** Header of a 421 answer: the absolute WebSocket URL of the room on its node. */
    public static final String NODE_URL_HEADER = "X-Quarkade-Ws-Url";

    /** An admission decision: the HTTP status, and for 421 where the room is. */
    record Decision(int status, String wsUrl) {

        static Decision of(int status) {
            return new Decision(status, null);
        }
    }

    private final RoomService rooms;
    private final ClusterMode cluster;
    private final Instance<RoomDirectory> directory;
    private final Instance<ClusterNode> node;
    private final RoomRecovery recovery;

    public RoomAdmission(RoomService rooms, ClusterMode cluster, Instance<RoomDirectory> directory,
            Instance<ClusterNode> node, RoomRecovery recovery) {
        this.rooms = rooms;
        this.cluster = cluster;
        this.directory = directory;
        this.node = node;
        this.recovery = recovery;
    }

    /** The answer to the upgrade: {@link #ADMITTED}, 404, 409, 421 (another node), or 503 while shutting down. */
    Uni<Decision> admit(String roomId, UUID player) {
        if (rooms.isDraining()) {
            return Uni.createFrom().item(Decision.of(503));
        }
        Room room = rooms.find(roomId).orElse(null);
        if (!cluster.enabled()) {
            if (room != null) {
                return Uni.createFrom().item(Decision.of(holdHere(room, player)));
            }
            // Durable rooms: a room of a predecessor of this process comes back from its snapshot.
            return recovery.recover(roomId).map(restored -> Decision.of(restored.map(r -> holdHere(r, player))
                    .orElse(404)));
        }
        if (room != null) {
            return holdInDirectory(room, player);
        }
        return directory.get().locate(roomId).flatMap(location -> switch (location.state()) {
            case LIVE -> Uni.createFrom().item(elsewhere(location, roomId));
            case DEAD, MISSING -> recovery.recover(roomId).flatMap(restored -> restored.isPresent()
                    ? holdInDirectory(restored.get(), player)
                    : recovery.relocate(roomId).map(now -> now.state() == RoomDirectory.Location.State.LIVE
                            ? elsewhere(now, roomId)
                            : Decision.of(404)));
        });
    }

    /** 421 with the room's URL on its live node (404 if the directory says it is ours but we do not have it). */
    private Decision elsewhere(RoomDirectory.Location location, String roomId) {
        return location.node().equals(node.get().id()) ? Decision.of(404)
                : new Decision(WRONG_NODE, location.room().nodeUrl() + "/ws/rooms/" + roomId);
    }

    /** Cluster mode: the directory first (holds made through other nodes count), then this node's own seat book. */
    private Uni<Decision> holdInDirectory(Room room, UUID player) {
        long holdMs = rooms.settings().seatHold().toMillis();
        return directory.get().hold(room.id(), player, holdMs).map(hold -> switch (hold.outcome()) {
            case HELD -> Decision.of(holdHere(room, player));
            case FULL -> Decision.of(409);
            // Our own room unknown to the directory or our node taken for dead: not yet (or no longer) written
            // there. The room is here and ours, so this node's seat book alone decides; the next sweep writes it.
            case NO_SUCH_ROOM, NODE_DEAD -> Decision.of(holdHere(room, player));
        });
    }

    private static int holdHere(Room room, UUID player) {
        return room.hold(player, System.currentTimeMillis()) ? ADMITTED : 409;
    }
}
