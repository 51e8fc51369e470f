package dev.quarkade.room;

import java.time.Duration;

/**
 * The numbers of this server every room runs by, taken from configuration when it is created ({@code room.runtime});
 * a test passes its own. A game's own rules ({@code GameRules}) come on top: its tick rate and intermission, when it
 * sets them, replace {@link #tickRate} and {@link #intermission}. {@code silenceTimeout} is the transport's heartbeat
 * timeout, which clients learn in WELCOME.
 */
public record RoomSettings(int tickRate, Duration reconnectGrace, Duration idleTimeout, Duration seatHold,
        Duration intermission, int maxInputsPerTick, int chatPerMinute, int inboxPerSeat, Duration silenceTimeout) {
}
