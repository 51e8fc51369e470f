package dev.quarkade.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.util.AttributeKey;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Notes that the client sent a Close, and fails a client Close carrying a code above 4999 with 1002, as RFC 6455 (7.4.2) leaves
 * those codes undefined. Netty's
 * frame decoder accepts every code from 3000 up, and Vert.x would echo such a Close. This handler sits in the
 * connection's Netty pipeline right after the frame decoder and turns such a frame into the decoder's own kind of
 * failure, so it takes the path of every other framing error: {@link FrameFailures} closes with its code.
 *
 * <p>
 * Vert.x 4 offers no API to the pipeline of a WebSocket; it is reached through the HTTP connection under it, an
 * implementation class ({@code ConnectionBase}). Should that ever change, nothing is installed and such codes are
 * echoed again (WebSocketConformanceTest, section 7.9, notices).
 *
 * <p>
 * The note is what tells a connection the client closed without a status code (1005) from one that died with no Close
 * at all (1006), which Vert.x cannot tell apart.
 */
@ChannelHandler.Sharable
final class CloseCodeCheck extends ChannelInboundHandlerAdapter {

    private static final CloseCodeCheck INSTANCE = new CloseCodeCheck();
    static final String NAME = "quarkade-close-code-check";
    /** The highest code RFC 6455 defines a meaning or a range for (4000-4999: private use). */
    private static final int HIGHEST_DEFINED = 4999;
    /** RFC 6455's code for a Close that carried none. */
    static final int NO_STATUS = 1005;
    private static final AttributeKey<Integer> CLIENT_CLOSE = AttributeKey.valueOf("quarkade.client-close-code");

    private CloseCodeCheck() {
    }

    /** Adds the check after the WebSocket frame decoder of the connection's pipeline; false when it cannot. */
    static boolean install(HttpConnection http) {
        if (!(http instanceof ConnectionBase base)) {
            return false;
        }
        ChannelPipeline pipeline = base.channel().pipeline();
        ChannelHandlerContext decoder = pipeline.context(WebSocketFrameDecoder.class);
        if (decoder == null || pipeline.get(NAME) != null) {
            return false;
        }
        pipeline.addAfter(decoder.name(), NAME, INSTANCE);
        return true;
    }

    /**
     * The code of the Close the client sent on {@code http}: {@link #NO_STATUS} when it carried none (Vert.x reports
     * that as 1000), 0 when no Close came or the check could not be installed.
     */
    static int clientCloseCode(HttpConnection http) {
        Integer code = http instanceof ConnectionBase base ? base.channel().attr(CLIENT_CLOSE).get() : null;
        return code == null ? 0 : code;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof CloseWebSocketFrame close) {
            ctx.channel().attr(CLIENT_CLOSE).setIfAbsent(close.statusCode() < 0 ? NO_STATUS : close.statusCode());
        }
        if (msg instanceof CloseWebSocketFrame close && close.statusCode() > HIGHEST_DEFINED) {
            int code = close.statusCode();
            close.release();
            ctx.fireExceptionCaught(new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR,
                    "invalid close code " + code));
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
