package dev.quarkade.room;

import java.util.Locale;

/** Where a room is in its life, as GET /api/rooms shows it. */
public enum RoomStatus {
    /** Open, no match running yet: waiting for enough players (the game's minimum; the arena's is one). */
    WAITING,
    /** A match is running. */
    PLAYING,
    /** A match just ended; the next starts after the intermission. */
    INTERMISSION,
    /** Disposed or closed: no longer joinable. */
    CLOSED,
    /** Enough players are seated; the match begins when the countdown is over. (Last, as saved rooms store ordinals.) */
    STARTING;

    /** The lower-case name used in JSON. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
