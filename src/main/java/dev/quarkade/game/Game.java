package dev.quarkade.game;

/**
 * A kind of game a room can run. Implement it as an {@code @ApplicationScoped} bean and rooms of it can be created by
 * its {@link #id()}: that is the whole registration.
 */
public interface Game {

    /** The name clients use to ask for this game, e.g. {@code "arena"}. */
    String id();

    /** Seats per room when the client does not ask for a number. */
    int defaultCapacity();

    /** The most seats a room of this game can have (at most 255). */
    int maxCapacity();

    /** How many int32 globals the world of this game has (at most 16). */
    int globalCount();

    /**
     * Whether an input payload is well-formed for this game. Checked on arrival, so a malformed input closes the
     * connection with 1007 at once instead of reaching the tick.
     */
    boolean isValidInput(byte[] payload);

    /** A fresh set of rules for one match in one room. */
    Match newMatch(MatchContext context);
}
