package dev.quarkade.room.runtime;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.quarkade.room.RoomSettings;

/**
 * The {@link RoomSettings} every room of this node runs by, from {@code quarkade.room.*}, the reconnect grace and
 * the heartbeat timeout (which clients learn in WELCOME).
 */
@Singleton
class RoomSettingsFromConfig {

    @Produces
    @Singleton
    RoomSettings settings(RoomConfig room, ReconnectConfig reconnect, HeartbeatConfig heartbeat) {
        return new RoomSettings(room.tickRate(), reconnect.grace(), room.idleTimeout(), room.seatHold(),
                room.intermission(), room.maxInputsPerTick(), room.chatPerMinute(), room.inboxPerSeat(),
                heartbeat.timeout());
    }
}
