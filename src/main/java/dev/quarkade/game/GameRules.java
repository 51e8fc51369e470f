package dev.quarkade.game;

import java.time.Duration;

/**
 * How rooms of a game run: their seats, how often they tick, when a match starts and what comes between two. Made with
 * {@link #of(int, int)} and the {@code with...} methods, each of which returns a copy:
 *
 * <pre>
 * GameRules.of(2, 2).withTickRate(10).withStepEvery(10).withMinPlayers(2).withCountdown(Duration.ofSeconds(3))
 * </pre>
 *
 * @param defaultCapacity seats of a room when the client does not ask for a number
 * @param maxCapacity the most seats a room may have (at most 255)
 * @param tickRate ticks per second: how often the room applies inputs and sends every seat its state; 0 means the
 *        server's {@code quarkade.room.tick-rate}
 * @param stepEvery {@link Match#step} runs every this many ticks (1: every tick; a turn-based game with a turn timer
 *        may step once a second); 0: never, the game changes its world only in {@link Match#input} and the other
 *        callbacks
 * @param minPlayers a match starts once this many seats are taken (at least 1)
 * @param countdown how long the room counts down, once {@code minPlayers} are seated, before the match starts
 * @param intermission the pause between the end of a match and the next one in the same room; null means the server's
 *        {@code quarkade.room.intermission}
 */
public record GameRules(int defaultCapacity, int maxCapacity, int tickRate, int stepEvery, int minPlayers,
        Duration countdown, Duration intermission) {

    public GameRules {
        if (maxCapacity < 1 || maxCapacity > 255 || defaultCapacity < 1 || defaultCapacity > maxCapacity) {
            throw new IllegalArgumentException("capacity " + defaultCapacity + " of at most " + maxCapacity);
        }
        if (tickRate < 0 || tickRate > 255 || stepEvery < 0 || minPlayers < 1 || minPlayers > maxCapacity) {
            throw new IllegalArgumentException("tick rate " + tickRate + ", step every " + stepEvery
                    + ", minimum players " + minPlayers);
        }
        if (countdown == null || countdown.isNegative() || (intermission != null && intermission.isNegative())) {
            throw new IllegalArgumentException("countdown " + countdown + ", intermission " + intermission);
        }
    }

    /**
     * Rooms of {@code defaultCapacity} seats (at most {@code maxCapacity}), at the server's tick rate, stepping every
     * tick, starting as soon as one player sits, with the server's intermission.
     */
    public static GameRules of(int defaultCapacity, int maxCapacity) {
        return new GameRules(defaultCapacity, maxCapacity, 0, 1, 1, Duration.ZERO, null);
    }

    public GameRules withTickRate(int ticksPerSecond) {
        return new GameRules(defaultCapacity, maxCapacity, ticksPerSecond, stepEvery, minPlayers, countdown,
                intermission);
    }

    public GameRules withStepEvery(int ticks) {
        return new GameRules(defaultCapacity, maxCapacity, tickRate, ticks, minPlayers, countdown, intermission);
    }

    public GameRules withMinPlayers(int players) {
        return new GameRules(defaultCapacity, maxCapacity, tickRate, stepEvery, players, countdown, intermission);
    }

    public GameRules withCountdown(Duration before) {
        return new GameRules(defaultCapacity, maxCapacity, tickRate, stepEvery, minPlayers, before, intermission);
    }

    public GameRules withIntermission(Duration between) {
        return new GameRules(defaultCapacity, maxCapacity, tickRate, stepEvery, minPlayers, countdown, between);
    }
}
