package dev.quarkade.transport;

import jakarta.inject.Inject;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * The game connection for one room. For now it only keeps the registry of open connections; the rooms feature
 * decodes messages and seats players. Every connection here passed {@link HandshakeCheck}.
 */
@WebSocket(path = "/ws/rooms/{roomId}")
public class RoomSocket {

    @Inject
    OpenConnections openConnections;

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        var claims = connection.userData().get(HandshakeCheck.CLAIMS);
        if (claims == null) {
            // Cannot happen while HandshakeCheck guards this path; refuse rather than seat an anonymous player.
            return connection.close(new CloseReason(OpenConnections.POLICY_VIOLATION, "not authenticated"));
        }
        openConnections.register(connection, claims);
        return Uni.createFrom().voidItem();
    }

    @OnBinaryMessage
    public void onBinary(Buffer message) {
        // Frames are decoded by the protocol and rooms features; until they land, input is ignored.
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        openConnections.unregister(connection);
    }
}
