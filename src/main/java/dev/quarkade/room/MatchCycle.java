package dev.quarkade.room;

import java.util.List;
import java.util.random.RandomGenerator;

import dev.quarkade.game.Game;
import dev.quarkade.game.GameEvents;
import dev.quarkade.game.GameRules;
import dev.quarkade.game.Match;
import dev.quarkade.game.MatchContext;
import dev.quarkade.game.PlayerResult;
import dev.quarkade.game.PlayerSeat;
import dev.quarkade.sync.WorldState;

/**
 * One room's matches, one after the other: the match now running, its world, where the room is in the cycle
 * (waiting for {@link GameRules#minPlayers()}, counting down, playing, between two matches) and every call into the
 * game's {@link Match}. Tick thread only.
 */
final class MatchCycle {

    private final MatchContext context;
    private final Game game;
    private final GameRules rules;
    private final WorldState world;
    private final long intermissionMs;
    private Match match;
    private RoomStatus status = RoomStatus.WAITING;
    /** When the match now running (or the last one) began. */
    private long startedAtMs;
    /** When the countdown ends (STARTING) or the next match starts (INTERMISSION); 0 otherwise. */
    private long phaseEndsAtMs;
    /** Ticks since the match began: it steps every {@link GameRules#stepEvery()} of them. */
    private long ticksPlayed;
    /** Set when the status or its end time changed; cleared by {@link #takeChanged}. */
    private boolean changed = true;

    MatchCycle(String roomId, Game game, int capacity, int tickRate, long intermissionMs, RandomGenerator random,
            GameEvents events) {
        this.game = game;
        this.rules = game.rules();
        this.context = new MatchContext(roomId, capacity, tickRate, random, events);
        // Room for the seats' entities and the game's own objects; the world grows if it needs more.
        this.world = new WorldState(game.globalCount(), capacity + 32);
        this.intermissionMs = intermissionMs;
    }

    WorldState world() {
        return world;
    }

    /** Waiting, starting, playing or between two matches. */
    RoomStatus status() {
        return status;
    }

    /** When the countdown ends or the next match starts, in epoch ms; 0 when neither is under way. */
    long phaseEndsAtMs() {
        return phaseEndsAtMs;
    }

    int minPlayers() {
        return rules.minPlayers();
    }

    /** When the match now running (or the last one) began, or the room opened while none has. */
    long startedAtMs() {
        return startedAtMs;
    }

    /** True once after the status (or when its phase ends) changed: the room tells its players. */
    boolean takeChanged() {
        boolean was = changed;
        changed = false;
        return was;
    }

    /** Starts a fresh match with the seated {@code players}; it begins once enough are seated ({@link #advance}). */
    void start(long nowMs, List<PlayerSeat> players) {
        world.clear();
        match = game.newMatch(context);
        match.start(world);
        startedAtMs = nowMs;
        for (PlayerSeat player : players) {
            match.joined(world, player);
        }
        moveTo(RoomStatus.WAITING, 0);
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
        switch (savedStatus) {
            case PLAYING -> moveTo(RoomStatus.PLAYING, 0);
            case INTERMISSION -> moveTo(RoomStatus.INTERMISSION, nowMs + intermissionMs);
            // A countdown under way starts again, once enough players are back.
            default -> moveTo(RoomStatus.WAITING, 0);
        }
    }

    /**
     * Moves the cycle on at the start of a tick, with {@code seated} players: begins the next match after the
     * intermission, counts down once {@link GameRules#minPlayers()} are seated (back to waiting when one leaves), and
     * begins the match when the countdown is over.
     */
    void advance(long nowMs, Seats seats) {
        if (status == RoomStatus.INTERMISSION && nowMs >= phaseEndsAtMs) {
            start(nowMs, seats.players());
        }
        boolean enough = seats.occupied() >= rules.minPlayers();
        if (status == RoomStatus.WAITING && enough) {
            if (rules.countdown().isZero()) {
                begin(nowMs);
            } else {
                moveTo(RoomStatus.STARTING, nowMs + rules.countdown().toMillis());
            }
        } else if (status == RoomStatus.STARTING && !enough) {
            moveTo(RoomStatus.WAITING, 0);
        } else if (status == RoomStatus.STARTING && nowMs >= phaseEndsAtMs) {
            begin(nowMs);
        }
    }

    private void begin(long nowMs) {
        startedAtMs = nowMs;
        ticksPlayed = 0;
        moveTo(RoomStatus.PLAYING, 0);
        match.begin(world);
    }

    /** One tick of a match that has begun: a step every {@link GameRules#stepEvery()} ticks. */
    void step(long tick) {
        if (status != RoomStatus.PLAYING) {
            return;
        }
        ticksPlayed++;
        if (rules.stepEvery() > 0 && ticksPlayed % rules.stepEvery() == 0) {
            match.step(world, tick);
        }
    }

    /**
     * When the running match just ended: its results, best first, and the room goes into its intermission. Null
     * while it goes on (or before it began, or between matches).
     */
    List<PlayerResult> finishIfOver(long nowMs, Seats seats) {
        if (status != RoomStatus.PLAYING || !match.isOver(world)) {
            return null;
        }
        moveTo(RoomStatus.INTERMISSION, nowMs + intermissionMs);
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

    private void moveTo(RoomStatus next, long endsAtMs) {
        if (next != status || endsAtMs != phaseEndsAtMs) {
            changed = true;
        }
        status = next;
        phaseEndsAtMs = endsAtMs;
    }
}
