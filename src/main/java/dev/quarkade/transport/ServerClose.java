package dev.quarkade.transport;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * The one way the server closes a room connection: with a code and a reason, and the code recorded on the connection,
 * since after a frame-decoder error Vert.x drops the socket before it records one of its own.
 */
final class ServerClose {

    private static final TypedKey<Integer> CLOSED_WITH = new TypedKey<>("quarkade.closed-with");

    private ServerClose() {
    }

    static void close(WebSocketConnection connection, int code, String reason) {
        if (connection.isOpen()) {
            connection.userData().put(CLOSED_WITH, code);
            connection.close(new CloseReason(code, reason)).subscribe().with(done -> {
            }, failed -> {
            });
        }
    }

    /** The code this server closed the connection with, or null when it did not close it. */
    static Integer code(WebSocketConnection connection) {
        return connection.userData().get(CLOSED_WITH);
    }
}
