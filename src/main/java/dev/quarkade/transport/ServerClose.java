package dev.quarkade.transport;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * The one way the server closes a room connection, from any thread: once, with a code and a reason, which stay recorded
 * on the connection (Vert.x records 1006 for a Close it sent until the client answers it, and
 * what the client echoes back need not be what the server sent). A second close, from another path that decided the
 * same connection must go (a heartbeat timeout racing a framing error, say), is a no-op.
 */
final class ServerClose {

    private static final TypedKey<CloseReason> CLOSED_WITH = new TypedKey<>("quarkade.closed-with");

    private ServerClose() {
    }

    static void close(WebSocketConnection connection, int code, String reason) {
        CloseReason decided = new CloseReason(code, reason);
        synchronized (connection) {
            if (!connection.isOpen() || connection.userData().get(CLOSED_WITH) != null) {
                return;
            }
            connection.userData().put(CLOSED_WITH, decided);
        }
        connection.close(decided).subscribe().with(done -> {
        }, failed -> {
        });
    }

    /** The code and reason this server closed the connection with, or null when it did not close it. */
    static CloseReason decided(WebSocketConnection connection) {
        return connection.userData().get(CLOSED_WITH);
    }
}
