package dev.quarkade.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The cluster's shared directory in Redis: live nodes, rooms and their node, seats and cross-node seat holds. Every
 * change runs as one of the atomic {@link DirectoryScripts}. All calls are non-blocking (Uni); they are only made in
 * cluster mode, and the Redis data source is looked up lazily, so single-node mode never creates a Redis client.
 */
@ApplicationScoped
public class RoomDirectory {

    /** What a seat hold in a given room came to. */
    public enum HoldOutcome {
        HELD,
        FULL,
        NO_SUCH_ROOM,
        NODE_DEAD
    }

    /** A seat hold's outcome, with the room's node and that node's public URL when known. */
    public record Hold(HoldOutcome outcome, String node, String nodeUrl) {
    }

    /** Matchmaking's answer: a held seat in {@code roomId}, or the node to create a room on, or wait. */
    public record Pick(Kind kind, String roomId, String node, String nodeUrl, String nodeHttp) {

        /** What matchmaking found. */
        public enum Kind {
            /** A seat is held in roomId on node. */
            ROOM,
            /** No free seat anywhere: create a room on node (this caller holds the game's creation marker). */
            CREATE,
            /** Another caller is creating a room of this game: ask again in a moment. */
            WAIT,
            /** No live node at all. */
            NONE
        }
    }

    /** Where a room is: on a live node, on a node that died, or unknown to the directory. */
    public record Location(State state, String node, DirectoryRoom room) {

        /** Whether the room's node is alive. */
        public enum State {
            LIVE,
            DEAD,
            MISSING
        }
    }

    private final Instance<ReactiveRedisDataSource> redis;

    RoomDirectory(Instance<ReactiveRedisDataSource> redis) {
        this.redis = redis;
    }

    /** Writes this node's registration with its load; true if it was still registered (false: renewed from scratch). */
    Uni<Boolean> heartbeat(String node, String url, String http, int rooms, int players, long startedMs,
            long ttlMs) {
        return eval(DirectoryScripts.HEARTBEAT, node, url, http, Integer.toString(rooms), Integer.toString(players),
                Long.toString(startedMs), Long.toString(ttlMs)).map(r -> r.toInteger() == 1);
    }

    Uni<Void> unregister(String node) {
        return eval(DirectoryScripts.UNREGISTER, node).replaceWithVoid();
    }

    /** Registers or updates a room of {@code node} with its status and seated players. */
    public Uni<Void> put(String roomId, String node, String game, int capacity, String status, List<UUID> seated) {
        List<String> args = new ArrayList<>(List.of(roomId, node, game, Integer.toString(capacity), status));
        seated.forEach(p -> args.add(p.toString()));
        return eval(DirectoryScripts.PUT_ROOM, args.toArray(String[]::new)).replaceWithVoid();
    }

    /** Removes a room, as long as {@code node} still owns it. */
    public Uni<Void> remove(String roomId, String node) {
        return eval(DirectoryScripts.REMOVE_ROOM, roomId, node).replaceWithVoid();
    }

    /** Holds a seat in one room for {@code holdMs}, or refreshes the player's hold (or confirms their seat). */
    public Uni<Hold> hold(String roomId, UUID player, long holdMs) {
        return eval(DirectoryScripts.HOLD, roomId, player.toString(), Long.toString(holdMs)).map(r -> {
            int code = r.get(0).toInteger();
            HoldOutcome outcome = switch (code) {
                case 1 -> HoldOutcome.HELD;
                case 0 -> HoldOutcome.FULL;
                case -2 -> HoldOutcome.NODE_DEAD;
                default -> HoldOutcome.NO_SUCH_ROOM;
            };
            return new Hold(outcome, r.size() > 1 ? r.get(1).toString() : null,
                    r.size() > 2 ? r.get(2).toString() : null);
        });
    }

    /** One matchmaking step for {@code player} in {@code game} (see {@link DirectoryScripts#PICK}). */
    public Uni<Pick> pick(String game, UUID player, long holdMs, String self, long creatingTtlMs) {
        return eval(DirectoryScripts.PICK, game, player.toString(), Long.toString(holdMs), self,
                Long.toString(creatingTtlMs)).map(r -> switch (r.get(0).toString()) {
                    case "room" -> new Pick(Pick.Kind.ROOM, r.get(1).toString(), r.get(2).toString(),
                            r.get(3).toString(), null);
                    case "create" -> new Pick(Pick.Kind.CREATE, null, r.get(1).toString(), r.get(2).toString(),
                            r.get(3).toString());
                    case "wait" -> new Pick(Pick.Kind.WAIT, null, null, null, null);
                    default -> new Pick(Pick.Kind.NONE, null, null, null, null);
                });
    }

    /** Gives up the creation marker of {@code game} after a creation failed. */
    public Uni<Void> createFailed(String game) {
        return eval(DirectoryScripts.CREATE_FAILED, game).replaceWithVoid();
    }

    /** Every room of a live node. */
    public Uni<List<DirectoryRoom>> list() {
        return eval(DirectoryScripts.LIST).map(r -> {
            List<DirectoryRoom> rooms = new ArrayList<>(r.size() / 8);
            for (int i = 0; i + 7 < r.size(); i += 8) {
                rooms.add(new DirectoryRoom(r.get(i).toString(), r.get(i + 1).toString(), r.get(i + 2).toString(),
                        r.get(i + 3).toString(), r.get(i + 4).toInteger(), r.get(i + 5).toString(),
                        r.get(i + 6).toInteger(), r.get(i + 7).toInteger()));
            }
            return rooms;
        });
    }

    /** Where {@code roomId} lives. */
    public Uni<Location> locate(String roomId) {
        return eval(DirectoryScripts.LOCATE, roomId).map(r -> switch (r.get(0).toString()) {
            case "live" -> new Location(Location.State.LIVE, r.get(1).toString(), new DirectoryRoom(roomId,
                    r.get(3).toString(), r.get(1).toString(), r.get(2).toString(), r.get(4).toInteger(),
                    r.get(5).toString(), r.get(6).toInteger(), r.get(7).toInteger()));
            case "dead" -> new Location(Location.State.DEAD, r.get(1).toString(), null);
            default -> new Location(Location.State.MISSING, null, null);
        });
    }

    /** Whether {@code node}'s key is in Redis (renewed within the TTL). */
    public Uni<Boolean> isAlive(String node) {
        return redis.get().execute("EXISTS", DirectoryScripts.PREFIX + "node:" + node).map(r -> r.toInteger() == 1);
    }

    /** Forgets dead nodes and their rooms; answers how many nodes were forgotten. */
    Uni<Integer> reap() {
        return eval(DirectoryScripts.REAP).map(Response::toInteger);
    }

    private Uni<Response> eval(String script, String... args) {
        String[] command = new String[args.length + 2];
        command[0] = script;
        command[1] = "0";
        System.arraycopy(args, 0, command, 2, args.length);
        return redis.get().execute("EVAL", command);
    }
}
