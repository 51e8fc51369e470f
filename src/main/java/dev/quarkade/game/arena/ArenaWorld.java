package dev.quarkade.game.arena;

/**
 * The arena's layout in the synchronized world: entity kinds, field indexes and globals. This is what a client reads;
 * docs/protocol.md repeats it for client authors.
 */
public final class ArenaWorld {

    /** Width and height of the field in world units; (0,0) is the top-left corner. */
    public static final int WIDTH = 1600;
    public static final int HEIGHT = 1000;
    /** A player collects an orb whose centre is within this distance of the player's centre. */
    public static final int PICKUP_DISTANCE = 32;

    /** Entity kind 1: a player. Fields: x, y, score. */
    public static final int KIND_PLAYER = 1;
    public static final int PLAYER_X = 0;
    public static final int PLAYER_Y = 1;
    public static final int PLAYER_SCORE = 2;

    /** Entity kind 2: an orb. Fields: x, y, value. */
    public static final int KIND_ORB = 2;
    public static final int ORB_X = 0;
    public static final int ORB_Y = 1;
    public static final int ORB_VALUE = 2;
    /** Orb entity ids start here, above any seat. */
    public static final int FIRST_ORB_ID = 1000;

    /** Global 0: the phase. Global 1: ticks left in the match. */
    public static final int GLOBAL_PHASE = 0;
    public static final int GLOBAL_TICKS_LEFT = 1;
    static final int GLOBALS = 2;

    public static final int PHASE_WAITING = 0;
    public static final int PHASE_PLAYING = 1;
    public static final int PHASE_OVER = 2;

    private ArenaWorld() {
    }
}
