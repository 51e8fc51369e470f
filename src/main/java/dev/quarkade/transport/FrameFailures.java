package dev.quarkade.transport;

import org.jboss.logging.Logger;

import dev.quarkade.protocol.CloseCodes;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.HttpConnection;

/**
 * The close code RFC 6455 asks for when the WebSocket layer itself refuses what a client sent. Netty's frame decoder
 * finds reserved bits and opcodes, unmasked and fragmented control frames, bad close frames and oversized frames, and
 * carries the code in its exception; Vert.x finds messages over {@code max-message-size} while reassembling fragments.
 */
final class FrameFailures {

    private static final Logger LOG = Logger.getLogger(FrameFailures.class);

    private FrameFailures() {
    }

    /** The close code for a failure of the connection, or -1 when it is not the client's fault. */
    static int closeCode(Throwable failure) {
        if (failure instanceof CorruptedWebSocketFrameException corrupted) {
            return corrupted.closeStatus().code();
        }
        if (failure instanceof TooLongFrameException) {
            return CloseCodes.MESSAGE_TOO_BIG;
        }
        // Vert.x 4 signals a reassembled message over the limit with a plain IllegalStateException.
        String message = failure.getMessage();
        if (failure instanceof IllegalStateException && message != null && message.contains("max message size")) {
            return CloseCodes.MESSAGE_TOO_BIG;
        }
        return -1;
    }

    /**
     * Netty's frame decoder reports a broken frame (reserved bits or opcode, unmasked or fragmented control frame, bad
     * close frame, frame over the size limit) to the HTTP connection, not to the endpoint, and Vert.x 4 neither sends a
     * Close nor drops the socket: the connection would sit open, reading nothing, until the heartbeat gave up on it.
     * RFC 6455 (7.1.7) asks to fail it with the code the decoder names (1002, 1007 or 1009); closing takes at most
     * {@code quarkade.websocket.closing-timeout}, as the client's Close can no longer be read. This watches the HTTP
     * connection under {@code connection} for them (and adds {@link CloseCodeCheck} to its pipeline).
     */
    static void watch(HttpConnection http, WebSocketConnection connection) {
        CloseCodeCheck.install(http);
        http.exceptionHandler(failure -> {
            int code = closeCode(failure);
            if (code < 0) {
                LOG.debugf("Connection %s failed: %s", connection.id(), failure.toString());
                return; // an I/O failure: the socket is gone and @OnClose follows
            }
            ServerClose.close(connection, code, reason(failure));
        });
    }

    /** A short reason for the close frame: the decoder's own words, cut to fit the 123 bytes a close reason has. */
    static String reason(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return message.length() > 100 ? message.substring(0, 100) : message;
    }
}
