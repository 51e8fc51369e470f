package dev.quarkade.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.quarkade.api.ApiException;
import dev.quarkade.lobby.Lobby;
import dev.quarkade.lobby.LobbyErrors;
import dev.quarkade.lobby.LocalRooms;
import dev.quarkade.lobby.RoomUrls;
import dev.quarkade.room.Room;
import io.smallrye.mutiny.Uni;

/**
 * The lobby of a cluster: answers come from the {@link RoomDirectory}, so any node lists the rooms of all nodes and
 * places a player on any of them, and a room whose node died is brought back on this node from its snapshot
 * ({@link #locate}) before anyone is told where it is. Chosen by {@link ClusterMode} when Redis is configured.
 */
@ApplicationScoped
@Typed(ClusterLobby.class)
public class ClusterLobby implements Lobby {

    /** How long a loser of a restore race looks for the winner's registration. */
    private static final int RELOCATE_ATTEMPTS = 10;
    private static final Duration RELOCATE_PAUSE = Duration.ofMillis(100);

    /** Where a room is, once a room of a dead node was brought back here if it could be. */
    sealed interface Where {

        /** Open on this node. */
        record Here(Room room) implements Where {
        }

        /** Open on another live node. */
        record Elsewhere(DirectoryRoom room) implements Where {
        }

        /** Its node died and nobody could bring it back. */
        record Lost() implements Where {
        }

        /** Unknown to this node and to the directory. */
        record Unknown() implements Where {
        }
    }

    private final LocalRooms local;
    private final ClusterNode node;
    private final RoomDirectory directory;
    private final DirectorySync sync;
    private final RemoteNodes remote;
    private final ClusterConfig config;

    ClusterLobby(LocalRooms local, ClusterNode node, RoomDirectory directory, DirectorySync sync, RemoteNodes remote,
            ClusterConfig config) {
        this.local = local;
        this.node = node;
        this.directory = directory;
        this.sync = sync;
        this.remote = remote;
        this.config = config;
    }

    @Override
    public Uni<List<ListedRoom>> list(String requestBase) {
        return directory.list().map(all -> all.stream().map(ClusterLobby::listed).toList());
    }

    @Override
    public Uni<ListedRoom> find(String roomId, String requestBase) {
        return locate(roomId).map(where -> {
            if (where instanceof Where.Here here) {
                return LocalRooms.listed(here.room().summary(), node.publicUrl());
            }
            if (where instanceof Where.Elsewhere elsewhere) {
                return listed(elsewhere.room());
            }
            throw gone(roomId, where);
        });
    }

    /** Creates a room here; it is in the directory before this completes. */
    @Override
    public Uni<Room> create(String game, Integer capacity, UUID creator) {
        return Uni.createFrom().item(() -> local.create(game, capacity, creator))
                .flatMap(room -> sync.publish(room).replaceWith(room));
    }

    @Override
    public Uni<Placement> joinOrCreate(String game, UUID player, String bearerToken, String requestBase) {
        return Uni.createFrom().voidItem().invoke(() -> {
            local.refuseWhileDraining();
            if (!local.hasGame(game)) {
                throw LobbyErrors.unknownGame(game);
            }
        }).flatMap(v -> matchmake(game, player, bearerToken, System.currentTimeMillis() + config.createWait()
                .toMillis()));
    }

    @Override
    public Uni<Placement> join(String roomId, UUID player, String requestBase) {
        return Uni.createFrom().voidItem().invoke(local::refuseWhileDraining).flatMap(v -> locate(roomId))
                .flatMap(where -> {
                    if (where instanceof Where.Here here) {
                        return hold(here.room(), player).map(held -> {
                            if (!held) {
                                throw LobbyErrors.roomFull(roomId);
                            }
                            return new Placement(roomId, node.publicUrl());
                        });
                    }
                    if (where instanceof Where.Elsewhere) {
                        return directory.hold(roomId, player, local.seatHoldMs()).map(hold -> switch (hold.outcome()) {
                            case HELD -> new Placement(roomId, hold.nodeUrl());
                            case FULL -> throw LobbyErrors.roomFull(roomId);
                            // Its node died or removed it since it was located: the next attempt finds out which.
                            case NODE_DEAD, NO_SUCH_ROOM -> throw LobbyErrors.unknownRoom(roomId);
                        });
                    }
                    return Uni.createFrom().failure(gone(roomId, where));
                });
    }

    /**
     * The room's seat is held in the directory first, where holds made through other nodes count: a player promised a
     * seat elsewhere gets in, nobody else can take that seat. A room of another live node answers 421 with its URL.
     */
    @Override
    public Uni<Admission> admit(String roomId, UUID player) {
        if (local.isDraining()) {
            return Uni.createFrom().item(Admission.of(503));
        }
        return locate(roomId).flatMap(where -> {
            if (where instanceof Where.Here here) {
                return hold(here.room(), player).map(held -> Admission.of(held ? Admission.ADMITTED : 409));
            }
            if (where instanceof Where.Elsewhere elsewhere) {
                return Uni.createFrom().item(new Admission(Admission.WRONG_NODE,
                        RoomUrls.wsUrl(elsewhere.room().nodeUrl(), roomId)));
            }
            return Uni.createFrom().item(Admission.of(404));
        });
    }

    /**
     * Where the room is: here, on another live node, or, when its node is dead or it is missing from the directory,
     * restored here from its snapshot (exactly one node anywhere wins it, and registers it before anyone is told); a
     * caller that lost that race waits briefly for the winner's registration.
     */
    Uni<Where> locate(String roomId) {
        Optional<Room> open = local.find(roomId);
        if (open.isPresent()) {
            return Uni.createFrom().item(new Where.Here(open.get()));
        }
        return directory.locate(roomId).flatMap(location -> switch (location.state()) {
            case LIVE -> Uni.createFrom().item(live(location));
            case DEAD, MISSING -> restore(roomId).flatMap(restored -> restored.isPresent()
                    ? Uni.createFrom().item((Where) new Where.Here(restored.get()))
                    : relocate(roomId, RELOCATE_ATTEMPTS).map(now -> now.state() == RoomDirectory.Location.State.LIVE
                            ? live(now)
                            : location.state() == RoomDirectory.Location.State.DEAD ? new Where.Lost()
                                    : new Where.Unknown()));
        });
    }

    /** A live location: another node's room, or (the directory still names this node) a room no longer here. */
    private Where live(RoomDirectory.Location location) {
        return location.node().equals(node.id()) ? new Where.Unknown() : new Where.Elsewhere(location.room());
    }

    /** The room restored here from its snapshot (or by a concurrent call here), registered in the directory. */
    private Uni<Optional<Room>> restore(String roomId) {
        return local.findOrRestore(roomId).flatMap(restored -> restored.isEmpty() ? Uni.createFrom().item(restored)
                : sync.publish(restored.get()).replaceWith(restored));
    }

    /** The room's location, looked up again while nobody has registered it (the winner of a restore race will). */
    private Uni<RoomDirectory.Location> relocate(String roomId, int attempts) {
        return directory.locate(roomId).flatMap(location -> {
            if (location.state() == RoomDirectory.Location.State.LIVE || attempts <= 1 || !local.restoresRooms()) {
                return Uni.createFrom().item(location);
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(RELOCATE_PAUSE)
                    .flatMap(v -> relocate(roomId, attempts - 1));
        });
    }

    /** A seat in a room of this node: the directory first (holds through other nodes count), then the room's own. */
    private Uni<Boolean> hold(Room room, UUID player) {
        return directory.hold(room.id(), player, local.seatHoldMs()).map(hold -> switch (hold.outcome()) {
            case HELD -> local.hold(room, player);
            case FULL -> false;
            // Our own room unknown to the directory or our node taken for dead: not yet (or no longer) written
            // there. The room is here and ours, so this node's seat book alone decides; the next sweep writes it.
            case NO_SUCH_ROOM, NODE_DEAD -> local.hold(room, player);
        });
    }

    private Uni<Placement> matchmake(String game, UUID player, String bearerToken, long deadline) {
        return directory.pick(game, player, local.seatHoldMs(), node.id(), config.createWait().toMillis())
                .flatMap(pick -> switch (pick.kind()) {
                    case ROOM -> Uni.createFrom().item(new Placement(pick.roomId(), pick.nodeUrl()));
                    case CREATE -> createAndHold(game, player, bearerToken, deadline, pick);
                    case WAIT -> retry(game, player, bearerToken, deadline);
                    case NONE -> Uni.createFrom().failure(new ApiException(503, "no_nodes",
                            "No node of the cluster is available; try again in a moment"));
                });
    }

    /** Matchmaking found no free seat and chose {@code pick.node()}: create the room there and hold a seat in it. */
    private Uni<Placement> createAndHold(String game, UUID player, String bearerToken, long deadline,
            RoomDirectory.Pick pick) {
        Uni<String> created = node.id().equals(pick.node()) ? create(game, null, player).map(Room::id)
                : remote.createRoom(pick.nodeHttp(), game, bearerToken);
        return created
                .onFailure().call(() -> directory.createFailed(game))
                // A node that stopped or refused meanwhile: pick again (it is no longer chosen once gone).
                .flatMap(roomId -> directory.hold(roomId, player, local.seatHoldMs())
                        .flatMap(hold -> hold.outcome() == RoomDirectory.HoldOutcome.HELD
                                ? Uni.createFrom().item(new Placement(roomId, hold.nodeUrl()))
                                : retry(game, player, bearerToken, deadline)))
                .onFailure(e -> !(e instanceof ApiException a && a.status() < 500)
                        && System.currentTimeMillis() < deadline)
                .recoverWithUni(() -> retry(game, player, bearerToken, deadline));
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

    private static ApiException gone(String roomId, Where where) {
        return where instanceof Where.Lost ? LobbyErrors.roomLost(roomId) : LobbyErrors.unknownRoom(roomId);
    }

    private static ListedRoom listed(DirectoryRoom r) {
        return new ListedRoom(r.roomId(), r.game(), r.seated(), r.seated() + r.held(), r.capacity(), r.status(), r.node(),
                RoomUrls.wsUrl(r.nodeUrl(), r.roomId()));
    }
}
