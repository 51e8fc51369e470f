package dev.quarkade.transport;

import org.jboss.logging.Logger;

import dev.quarkade.protocol.CloseCodes;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Closes a connection whose client broke the WebSocket framing with the code RFC 6455 asks for, and closes it cleanly.
 * Netty's frame decoder finds reserved bits and opcodes, unmasked and fragmented control frames, bad close frames and
 * oversized frames, and carries the code in its exception; Vert.x finds messages over {@code max-message-size} while
 * reassembling fragments.
 *
 * <p>
 * The decoder's exception travels up the connection's Netty pipeline, where Vert.x 4 would drop the socket at once
 * with the rest of the client's frame unread. The kernel answers unread bytes with a TCP reset, which can overtake the
 * Close just written: the client then sees the connection die without a code (1006 instead of 1009; seen in 12 of 150
 * oversized frames with both cores busy). This handler sits between the decoder and Vert.x and stops those
 * exceptions there: the server sends its Close ({@link ServerClose}) and drops the socket only after
 * {@code quarkade.websocket.closing-timeout}, the decoder meanwhile reading and discarding whatever the client sends.
 */
final class FrameFailures extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(FrameFailures.class);
    private static final String NAME = "quarkade-frame-failures";

    private final WebSocketConnection connection;

    private FrameFailures(WebSocketConnection connection) {
        this.connection = connection;
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
     * Watches the connection under {@code connection} for framing failures: those Vert.x reports to the HTTP
     * connection, and those of the frame decoder, for which it adds {@link CloseCodeCheck} right after the decoder and
     * this handler after it. Vert.x 4 offers no API to a WebSocket's pipeline; it is reached
     * through the HTTP connection, an implementation class ({@code ConnectionBase}), as {@link CloseCodeCheck} says.
     */
    static void watch(HttpConnection http, WebSocketConnection connection) {
        http.exceptionHandler(failure -> {
            int code = closeCode(failure);
            if (code < 0) {
                LOG.debugf("Connection %s failed: %s", connection.id(), failure.toString());
                return; // an I/O failure: the socket is gone and @OnClose follows
            }
            ServerClose.close(connection, code, reason(failure)); // a reassembled message over the limit
        });
        CloseCodeCheck.install(http);
        if (!(http instanceof ConnectionBase base)) {
            return;
        }
        ChannelPipeline pipeline = base.channel().pipeline();
        if (pipeline.get(CloseCodeCheck.NAME) != null && pipeline.get(NAME) == null) {
            pipeline.addAfter(CloseCodeCheck.NAME, NAME, new FrameFailures(connection));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable failure) {
        int code = closeCode(failure);
        if (code < 0) {
            ctx.fireExceptionCaught(failure); // an I/O failure: Vert.x drops the socket and @OnClose follows
            return;
        }
        ServerClose.close(connection, code, reason(failure));
    }

    /** A short reason for the close frame: the decoder's own words, cut to fit the 123 bytes a close reason has. */
    static String reason(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return message.length() > 100 ? message.substring(0, 100) : message;
    }
}
