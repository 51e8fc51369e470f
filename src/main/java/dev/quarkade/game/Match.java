package dev.quarkade.game;

import java.util.List;

import dev.quarkade.sync.WorldState;

/**
 * The rules of one match, driven by its room. Every method runs on the room's tick thread, one at a time, so a match
 * needs no locking; none may block. The match writes everything clients should see into the {@link WorldState}: the
 * room turns it into full states and deltas, per seat when the world hides something from some seat
 * ({@link WorldState#hideFromOthers}). Anything else a client must hear goes out as a
 * {@linkplain MatchContext#events() game event}.
 *
 * <p>
 * A match's life: {@link #start} writes the initial world; players join ({@link #joined}) and the room waits for
 * {@link GameRules#minPlayers()} and counts down {@link GameRules#countdown()}; then {@link #begin}; from then on
 * inputs and {@link #step} until {@link #isOver}, and {@link #results}. After the intermission the room starts a new
 * match. Inputs reach the match in every phase: a game that must ignore them before it begins does so itself.
 */
public interface Match {

    /** Writes the initial world, before any player joins. */
    void start(WorldState world);

    /**
     * The match begins: {@link GameRules#minPlayers()} are seated and the countdown is over. {@link #step} and
     * {@link #isOver} run from now on.
     */
    default void begin(WorldState world) {
    }

    /**
     * The match takes over a world it did not start: its room was restored from a saved room (after a dev-mode hot
     * reload, or a durable room brought back after its node stopped), with the seats' players already in it. Rebuild
     * any state the match keeps outside the world from it.
     */
    default void resumed(WorldState world) {
    }

    /** A player took a seat. */
    void joined(WorldState world, PlayerSeat player);

    /** One input of one player, in the order the player sent them; the payload passed {@link Game#isValidInput}. */
    void input(WorldState world, PlayerSeat player, byte[] payload);

    /** Advances the simulation by one tick; every {@link GameRules#stepEvery()} ticks once the match has begun. */
    default void step(WorldState world, long tick) {
    }

    /** The player's connection missed a heartbeat: they may be about to drop. */
    default void suspect(WorldState world, PlayerSeat player) {
    }

    /** The player's connection is gone; the seat is kept for the reconnect grace. */
    default void dropped(WorldState world, PlayerSeat player) {
    }

    /** A dropped player is back in the same seat. */
    default void returned(WorldState world, PlayerSeat player) {
    }

    /** The player left for good (or the grace ran out): the seat is free again. */
    void left(WorldState world, PlayerSeat player);

    /** Whether the match is over; checked every tick once it has begun. */
    boolean isOver(WorldState world);

    /** The final results, best first; called once, when {@link #isOver} turns true. */
    List<PlayerResult> results(WorldState world, List<PlayerSeat> players);
}
