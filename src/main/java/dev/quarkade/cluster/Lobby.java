package dev.quarkade.cluster;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.quarkade.api.ApiException;
import dev.quarkade.room.Room;
import dev.quarkade.room.RoomService;
import dev.quarkade.room.RoomSummary;
import dev.quarkade.room.UnknownGameException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * What the REST API asks about rooms, answered the same way on every node: the rooms there are, where one lives, a
 * seat in a given room, a seat anywhere (join-or-create), a new room. In single-node mode the answers come from this
 * node's {@link RoomService}; in cluster mode from the {@link RoomDirectory}, so any node lists the rooms of all nodes
 * and places a player on any of them. Every answer says where to connect: the owning node's public WebSocket URL.
 */
@ApplicationScoped
public class Lobby {

    /** Where a player got a seat: the room and the WebSocket base URL of the node that runs it. */
    public record Placement(String roomId, String wsBase) {

        public String wsUrl() {
            return wsBase + wsPath();
        }

        public String wsPath() {
            return "/ws/rooms/" + roomId;
        }
    }

    /** A room as GET /api/rooms and GET /api/rooms/{id} list it; {@code node} only in cluster mode. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListedRoom(String roomId, String game, int players, int capacity, String status, String node,
            String wsUrl) {
    }

    private final ClusterMode mode;
    private final RoomService rooms;
    private final Instance<ClusterNode> node;
    private final Instance<RoomDirectory> directory;
    private final Instance<DirectorySync> sync;
    private final Instance<RemoteNodes> remote;
    private final Instance<RoomRecovery> recovery;
    private final ClusterConfig config;

    Lobby(ClusterMode mode, RoomService rooms, Instance<ClusterNode> node, Instance<RoomDirectory> directory,
            Instance<DirectorySync> sync, Instance<RemoteNodes> remote, Instance<RoomRecovery> recovery,
            ClusterConfig config) {
        this.mode = mode;
        this.rooms = rooms;
        this.node = node;
        this.directory = directory;
        this.sync = sync;
        this.remote = remote;
        this.recovery = recovery;
        this.config = config;
    }

    /**
     * The WebSocket base URL of this node: {@code quarkade.cluster.public-url} when set (always in cluster mode),
     * else {@code requestBase}, derived by the caller from the request's scheme and host.
     */
    public String ownBase(String requestBase) {
        if (mode.enabled()) {
            return node.get().publicUrl();
        }
        return config.publicUrl().filter(u -> !u.isBlank()).map(ClusterNode::trim).orElse(requestBase);
    }

    /** Every open room: this node's, or in cluster mode those of all live nodes. */
    public Uni<List<ListedRoom>> list(String requestBase) {
        if (!mode.enabled()) {
            String base = ownBase(requestBase);
            return Uni.createFrom().item(rooms.list().stream().map(s -> listed(s, base)).toList());
        }
        return directory.get().list().map(all -> all.stream().map(Lobby::listed).toList());
    }

    /**
     * One room and where it lives. In cluster mode a room whose node died is brought back here when it can be
     * ({@link RoomRecovery}); else 404 {@code room_lost}. 404 {@code unknown_room} for a room nobody knows.
     */
    public Uni<ListedRoom> find(String roomId, String requestBase) {
        Room local = rooms.find(roomId).orElse(null);
        if (local != null) {
            return Uni.createFrom().item(listed(local.summary(), ownBase(requestBase)));
        }
        if (!mode.enabled()) {
            return Uni.createFrom().failure(unknownRoom(roomId));
        }
        return directory.get().locate(roomId).flatMap(location -> switch (location.state()) {
            case LIVE -> Uni.createFrom().item(listed(location.room()));
            case DEAD, MISSING -> recovery.get().recover(roomId).flatMap(restored -> restored.isPresent()
                    ? Uni.createFrom().item(listed(restored.get().summary(), ownBase(requestBase)))
                    : recovery.get().relocate(roomId).map(now -> {
                        if (now.state() != RoomDirectory.Location.State.LIVE) {
                            throw gone(roomId, location.state());
                        }
                        return listed(now.room());
                    }));
        });
    }

    /** Creates a room here; in cluster mode it is in the directory before this completes. */
    public Uni<Room> create(String game, Integer capacity) {
        refuseWhileDraining();
        Room room;
        try {
            room = rooms.create(game, capacity);
        } catch (UnknownGameException e) {
            return Uni.createFrom().failure(ApiException.badRequest(
                    rooms.hasGame(game) ? "invalid_capacity" : "unknown_game", e.getMessage()));
        }
        return mode.enabled() ? sync.get().publish(room).replaceWith(room) : Uni.createFrom().item(room);
    }

    /**
     * A seat held for {@code player} in a room of {@code game}: the fullest room with a free seat on any node, else
     * a new room on the least loaded node. The seat is held for {@code quarkade.room.seat-hold}.
     */
    public Uni<Placement> joinOrCreate(String game, UUID player, String bearerToken, String requestBase) {
        refuseWhileDraining();
        if (!rooms.hasGame(game)) {
            return Uni.createFrom().failure(unknownGame(game));
        }
        if (!mode.enabled()) {
            return Uni.createFrom().item(new Placement(rooms.joinOrCreate(game, player).id(), ownBase(requestBase)));
        }
        long deadline = System.currentTimeMillis() + config.createWait().toMillis();
        return matchmake(game, player, bearerToken, deadline);
    }

    /** A seat held for {@code player} in one given room: 404 if there is no such room, 409 if it is full. */
    public Uni<Placement> join(String roomId, UUID player, String requestBase) {
        refuseWhileDraining();
        if (!mode.enabled()) {
            Room room = rooms.find(roomId).orElseThrow(() -> unknownRoom(roomId));
            if (!room.hold(player, System.currentTimeMillis())) {
                throw roomFull(roomId);
            }
            return Uni.createFrom().item(new Placement(roomId, ownBase(requestBase)));
        }
        return directory.get().hold(roomId, player, holdMs()).flatMap(hold -> switch (hold.outcome()) {
            case HELD -> Uni.createFrom().item(new Placement(roomId, hold.nodeUrl()));
            case FULL -> Uni.createFrom().failure(roomFull(roomId));
            // Its node is gone: bring the room back (here, or wherever another caller did), then hold again.
            case NODE_DEAD, NO_SUCH_ROOM -> recovery.get().recover(roomId)
                    .flatMap(restored -> restored.isPresent() ? Uni.createFrom().voidItem()
                            : recovery.get().relocate(roomId).invoke(now -> {
                                if (now.state() != RoomDirectory.Location.State.LIVE) {
                                    throw gone(roomId, hold.outcome() == RoomDirectory.HoldOutcome.NODE_DEAD
                                            ? RoomDirectory.Location.State.DEAD
                                            : RoomDirectory.Location.State.MISSING);
                                }
                            }).replaceWithVoid())
                    .flatMap(v -> directory.get().hold(roomId, player, holdMs()))
                    .map(again -> {
                        if (again.outcome() != RoomDirectory.HoldOutcome.HELD) {
                            throw roomFull(roomId);
                        }
                        return new Placement(roomId, again.nodeUrl());
                    });
        });
    }

    private Uni<Placement> matchmake(String game, UUID player, String bearerToken, long deadline) {
        ClusterNode self = node.get();
        RoomDirectory dir = directory.get();
        return dir.pick(game, player, holdMs(), self.id(), config.createWait().toMillis()).flatMap(pick -> {
            switch (pick.kind()) {
                case ROOM:
                    return Uni.createFrom().item(new Placement(pick.roomId(), pick.nodeUrl()));
                case CREATE:
                    Uni<String> created = self.id().equals(pick.node())
                            ? create(game, null).map(Room::id)
                            : remote.get().createRoom(pick.nodeHttp(), game, bearerToken);
                    return created
                            .onFailure().call(() -> dir.createFailed(game))
                            // A node that stopped or refused meanwhile: pick again (it is no longer chosen once gone).
                            .flatMap(roomId -> dir.hold(roomId, player, holdMs()).flatMap(hold -> hold
                                    .outcome() == RoomDirectory.HoldOutcome.HELD
                                            ? Uni.createFrom().item(new Placement(roomId, hold.nodeUrl()))
                                            : retry(game, player, bearerToken, deadline)))
                            .onFailure(e -> !(e instanceof ApiException a && a.status() < 500)
                                    && System.currentTimeMillis() < deadline)
                            .recoverWithUni(() -> retry(game, player, bearerToken, deadline));
                case WAIT:
                    return retry(game, player, bearerToken, deadline);
                default:
                    return Uni.createFrom().failure(new ApiException(503, "no_nodes",
                            "No node of the cluster is available; try again in a moment"));
            }
        });
    }

    /** Asks matchmaking again after a short pause (another caller is creating the room this one will join). */
    private Uni<Placement> retry(String game, UUID player, String bearerToken, long deadline) {
        if (System.currentTimeMillis() > deadline) {
            return Uni.createFrom().failure(new ApiException(503, "busy",
                    "No seat could be found in time; try again in a moment"));
        }
        Duration pause = Duration.ofMillis(20 + ThreadLocalRandom.current().nextInt(30));
        return Uni.createFrom().voidItem().onItem().delayIt().by(pause)
                .flatMap(v -> matchmake(game, player, bearerToken, deadline));
    }

    /** 404 {@code room_lost} for a room whose node died and that nobody brought back, else {@code unknown_room}. */
    private static ApiException gone(String roomId, RoomDirectory.Location.State state) {
        return state == RoomDirectory.Location.State.DEAD
                ? new ApiException(404, "room_lost",
                        "Room " + roomId + " was on a node that stopped and cannot be resumed: find another room")
                : unknownRoom(roomId);
    }

    private long holdMs() {
        return rooms.settings().seatHold().toMillis();
    }

    private void refuseWhileDraining() {
        if (rooms.isDraining()) {
            throw new ApiException(503, "shutting_down", "This server is shutting down; try again in a moment",
                    java.util.Map.of("Retry-After", "1"));
        }
    }

    private static ListedRoom listed(RoomSummary s, String base) {
        return new ListedRoom(s.roomId(), s.game(), s.players(), s.capacity(), s.status(), null,
                base + "/ws/rooms/" + s.roomId());
    }

    private static ListedRoom listed(DirectoryRoom r) {
        return new ListedRoom(r.roomId(), r.game(), r.seated(), r.capacity(), r.status(), r.node(),
                r.nodeUrl() + "/ws/rooms/" + r.roomId());
    }

    private static ApiException unknownRoom(String roomId) {
        return new ApiException(404, "unknown_room", "No room " + roomId);
    }

    private static ApiException roomFull(String roomId) {
        return new ApiException(409, "room_full", "Room " + roomId + " has no free seat");
    }

    private static ApiException unknownGame(String game) {
        return ApiException.badRequest("unknown_game", "unknown game '" + game + "'");
    }
}
