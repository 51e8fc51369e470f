package dev.quarkade.game;

import java.util.List;

import dev.quarkade.sync.WorldState;

/**
 * The rules of one match, driven by its room. Every method runs on the room's tick thread, one at a time, so a match
 * needs no locking; none may block. The match writes everything clients should see into the {@link WorldState}: the
 * room turns it into snapshots and deltas.
 *
 * <p>
 * Entity ids {@code 1..capacity} belong to the seats ({@link PlayerSeat#entityId()}); a match uses ids above
 * {@code capacity} for its own objects.
 */
public interface Match {

    /** Writes the initial world, before any player joins. */
    void start(WorldState world);

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

    /** Advances the simulation by one tick. */
    void step(WorldState world, long tick);

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

    /** Whether the match is over; checked after every step. */
    boolean isOver(WorldState world);

    /** The final results, best first; called once, when {@link #isOver} turns true. */
    List<PlayerResult> results(WorldState world, List<PlayerSeat> players);
}
