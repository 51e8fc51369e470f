package dev.quarkade.transport;

import java.util.UUID;

import dev.quarkade.room.Room;

/** What the transport keeps for one open room connection: who, where, their message allowance and liveness. */
record PlayerConnection(UUID playerId, String name, Room room, ConnectionChannel channel,
        MessageRateLimiter limiter, ConnectionLiveness liveness) {
}
