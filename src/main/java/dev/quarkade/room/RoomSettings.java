package dev.quarkade.room;

import java.time.Duration;

/**
 * The numbers a room runs by, taken from configuration when it is created ({@code room.runtime.RoomConfig} and
 * {@code quarkade.reconnect.grace}); a test passes its own.
 */
public record RoomSettings(int tickRate, Duration reconnectGrace, Duration idleTimeout, Duration seatHold,
        Duration intermission, int maxInputsPerTick, int chatPerMinute, int inboxPerSeat) {
}
