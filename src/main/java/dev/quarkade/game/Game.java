package dev.quarkade.game;

/**
 * A kind of game a room can run. Implement it as an {@code @ApplicationScoped} bean and rooms of it can be created by
 * its {@link #id()}: that is the whole registration (docs/games.md). Everything game-specific lives behind it: the
 * rules of a match ({@link #newMatch}), how rooms of it run ({@link #rules()}), the input payload its clients send
 * ({@link #isValidInput}) and what its clients must know before the first state ({@link #clientSettings()}).
 */
public interface Game {

    /** The name clients use to ask for this game, e.g. {@code "arena"}: 1 to 32 characters a-z, 0-9, '-'. */
    String id();

    /** Seats, tick rate, when a match starts and the pause between two; read once per room, when it opens. */
    GameRules rules();

    /** How many int32 globals the world of this game has (at most 16). */
    int globalCount();

    /**
     * Whether an input payload is well-formed for this game. Checked on arrival, on the connection's event loop, for
     * every input: a malformed input closes the connection with 1007 at once instead of reaching the tick. Must not
     * allocate or block.
     */
    boolean isValidInput(byte[] payload);

    /**
     * What a client of this game must know before it can show or predict anything (field size, movement speed...),
     * in the game's own encoding: sent in every WELCOME, so clients never copy a server number. Empty by default.
     */
    default byte[] clientSettings() {
        return new byte[0];
    }

    /**
     * The entity the player in {@code seat} controls, as WELCOME tells their client; 0 when seats have no entity of
     * their own. The default, {@code seat + 1}, leaves ids above the capacity to the game's own objects.
     */
    default int entityIdOf(int seat) {
        return seat + 1;
    }

    /** A fresh set of rules for one match in one room. */
    Match newMatch(MatchContext context);
}
