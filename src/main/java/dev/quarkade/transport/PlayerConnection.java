package dev.quarkade.transport;

import java.util.UUID;

import dev.quarkade.room.Room;
import io.quarkus.websockets.next.WebSocketConnection;

/** What the transport keeps for one open room connection: who, where, their message allowance and liveness. */
record PlayerConnection(UUID playerId, Room room, ConnectionChannel channel, MessageRateLimiter limiter,
        ConnectionLiveness liveness) {

    WebSocketConnection connection() {
        return channel.connection();
    }
}
