package dev.quarkade.room;

import java.time.Duration;

/** The numbers a room runs by, taken from configuration when it is created. */
public record RoomSettings(int tickRate, Duration reconnectGrace, Duration idleTimeout, Duration seatHold,
        Duration intermission, int maxInputsPerTick, int chatPerMinute) {

    /** Milliseconds between two ticks (fractional: 30 Hz is 33.33 ms). */
    public double tickPeriodMillis() {
        return 1000.0 / tickRate;
    }
}
