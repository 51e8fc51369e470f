package dev.quarkade.room;

import java.util.List;
import java.util.random.RandomGenerator;

import dev.quarkade.game.Game;
import dev.quarkade.game.Match;
import dev.quarkade.game.MatchContext;
import dev.quarkade.game.PlayerResult;
import dev.quarkade.game.PlayerSeat;
import dev.quarkade.sync.WorldState;

/**
 * One room's matches, one after the other: the match now running, its world, where the room is in the cycle (waiting
 * for a first player, playing, between two matches) and every call into the game's {@link Match}. Tick thread only.
 */
final class MatchCycle {

    private final MatchContext context;
    private final Game game;
    private final WorldState world;
    private final long intermissionMs;
    private Match match;
    private RoomStatus status = RoomStatus.WAITING;
    private long startedAtMs;
    private long intermissionEndsAtMs;

    MatchCycle(String roomId, Game game, int capacity, RoomSettings settings, RandomGenerator random) {
        this.game = game;
        this.context = new MatchContext(roomId, capacity, settings.tickRate(), random);
        // Room for the seats' entities and the game's own objects; the world grows if it needs more.
        this.world = new WorldState(game.globalCount(), capacity + 32);
        this.intermissionMs = settings.intermission().toMillis();
    }

    WorldState world() {
        return world;
    }

    /** Waiting, playing or between two matches. */
    RoomStatus status() {
        return status;
    }

    /** When the match now running (or the last one) started. */
    long startedAtMs() {
        return startedAtMs;
    }

    /** Starts a fresh match with the seated {@code players}: playing at once when there is one. */
    void start(long nowMs, List<PlayerSeat> players) {
        world.clear();
        match = game.newMatch(context);
        match.start(world);
        startedAtMs = nowMs;
        for (PlayerSeat player : players) {
            match.joined(world, player);
        }
        status = players.isEmpty() ? RoomStatus.WAITING : RoomStatus.PLAYING;
    }

    /**
     * Takes over the world of a saved room with a new {@link Match} of the current rules. {@code savedStatus} and
     * {@code startedAtMs} are the saved room's; the match keeps its start time, so its record spans it all.
     */
    void restore(WorldState saved, RoomStatus savedStatus, long startedAtMs, long nowMs) {
        world.copyFrom(saved);
        match = game.newMatch(context);
        match.resumed(world);
        this.startedAtMs = startedAtMs;
        status = savedStatus == RoomStatus.CLOSED ? RoomStatus.WAITING : savedStatus;
        intermissionEndsAtMs = nowMs + intermissionMs;
    }

    /** The first player sat down in a waiting room: the match's clock starts now. */
    void playerSeated(long nowMs) {
        if (status == RoomStatus.WAITING) {
            status = RoomStatus.PLAYING;
            startedAtMs = nowMs;
        }
    }

    /** Between two matches, once the intermission is over: starts the next. */
    void startNextIfDue(long nowMs, Seats seats) {
        if (status == RoomStatus.INTERMISSION && nowMs >= intermissionEndsAtMs) {
            start(nowMs, seats.players());
        }
    }

    void step(long tick) {
        match.step(world, tick);
    }

    /**
     * When the running match just ended: its results, best first, and the room goes into its intermission. Null
     * while it goes on (or between matches).
     */
    List<PlayerResult> finishIfOver(long nowMs, Seats seats) {
        if (status == RoomStatus.INTERMISSION || !match.isOver(world)) {
            return null;
        }
        status = RoomStatus.INTERMISSION;
        intermissionEndsAtMs = nowMs + intermissionMs;
        return match.results(world, seats.players());
    }

    void joined(PlayerSeat player) {
        match.joined(world, player);
    }

    void input(PlayerSeat player, byte[] payload) {
        match.input(world, player, payload);
    }

    void suspect(PlayerSeat player) {
        match.suspect(world, player);
    }

    void dropped(PlayerSeat player) {
        match.dropped(world, player);
    }

    void returned(PlayerSeat player) {
        match.returned(world, player);
    }

    void left(PlayerSeat player) {
        match.left(world, player);
    }
}
