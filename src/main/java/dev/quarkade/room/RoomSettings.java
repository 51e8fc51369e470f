package dev.quarkade.room;

import java.time.Duration;

/** The numbers a room runs by, taken from configuration when it is created. */
public record RoomSettings(int tickRate, Duration reconnectGrace, Duration idleTimeout, Duration seatHold,
        Duration intermission, int maxInputsPerTick, int chatPerMinute, int inboxPerSeat) {

    /** The default inbox bound, as {@code quarkade.room.inbox-per-seat} documents it. */
    public static final int DEFAULT_INBOX_PER_SEAT = 256;

    public RoomSettings(int tickRate, Duration reconnectGrace, Duration idleTimeout, Duration seatHold,
            Duration intermission, int maxInputsPerTick, int chatPerMinute) {
        this(tickRate, reconnectGrace, idleTimeout, seatHold, intermission, maxInputsPerTick, chatPerMinute,
                DEFAULT_INBOX_PER_SEAT);
    }

    /** Milliseconds between two ticks (fractional: 30 Hz is 33.33 ms). */
    public double tickPeriodMillis() {
        return 1000.0 / tickRate;
    }
}
