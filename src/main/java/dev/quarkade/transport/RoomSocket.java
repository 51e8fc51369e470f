package dev.quarkade.transport;

import dev.quarkade.lobby.RoomUrls;
import dev.quarkade.protocol.CloseCodes;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPingMessage;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;

/**
 * The room WebSocket: one connection per player per room, binary frames only. A thin adapter: a connection's life is
 * {@link ConnectionLifecycle}'s, its messages go through {@link InboundPipeline} (reached straight from Vert.x through
 * {@link InboundFrames} once the connection is open), its Pings and Pongs count against its rate, and its Pongs go to
 * the {@link Heartbeat}.
 */
@WebSocket(path = RoomUrls.WS_TEMPLATE)
public class RoomSocket {

    private final ConnectionLifecycle lifecycle;
    private final InboundPipeline pipeline;
    private final Heartbeat heartbeat;

    RoomSocket(ConnectionLifecycle lifecycle, InboundPipeline pipeline, Heartbeat heartbeat) {
        this.lifecycle = lifecycle;
        this.pipeline = pipeline;
        this.heartbeat = heartbeat;
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        lifecycle.opened(connection);
    }

    /** Only the messages that arrive before {@link #open} has run come this way; then {@link InboundFrames} does. */
    @OnBinaryMessage
    @NonBlocking
    void onBinary(WebSocketConnection connection, Buffer frame) {
        PlayerConnection player = ConnectionLifecycle.playerOf(connection);
        if (player != null) {
            pipeline.receive(player, frame);
        }
    }

    /**
     * Text is refused either way; RFC 6455 (8.1) asks for 1007 rather than 1003 when it is not even UTF-8. Vert.x
     * decodes text leniently, putting U+FFFD where the bytes were invalid, so that character is the sign (a client
     * that really sends U+FFFD in a text frame gets 1007 too: it broke the binary-only rule anyway).
     */
    @OnTextMessage
    @NonBlocking
    void onText(WebSocketConnection connection, String text) {
        if (text.indexOf('\uFFFD') >= 0) {
            ServerClose.close(connection, CloseCodes.INVALID_PAYLOAD, "text frame is not UTF-8");
        } else {
            ServerClose.close(connection, CloseCodes.UNSUPPORTED_DATA, "binary frames only");
        }
    }

    /** Vert.x answers the Ping itself; here it only counts against the connection's rate. */
    @OnPingMessage
    @NonBlocking
    void onPing(WebSocketConnection connection, Buffer payload) {
        PlayerConnection player = ConnectionLifecycle.playerOf(connection);
        if (player != null) {
            pipeline.controlFrame(player);
        }
    }

    @OnPongMessage
    @NonBlocking
    void onPong(WebSocketConnection connection, Buffer payload) {
        PlayerConnection player = ConnectionLifecycle.playerOf(connection);
        if (player != null && pipeline.controlFrame(player)) {
            heartbeat.ponged(player, payload);
        }
    }

    @OnClose
    @NonBlocking
    void onClose(WebSocketConnection connection) {
        lifecycle.closed(connection);
    }

    @OnError
    @NonBlocking
    void onError(WebSocketConnection connection, Throwable failure) {
        lifecycle.failed(connection, failure);
    }
}
