package dev.quarkade.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Fails a client Close carrying a code above 4999 with 1002, as RFC 6455 (7.4.2) leaves those codes undefined. Netty's
 * frame decoder accepts every code from 3000 up, and Vert.x would echo such a Close. This handler sits in the
 * connection's Netty pipeline right after the frame decoder and turns such a frame into the decoder's own kind of
 * failure, so it takes the path of every other framing error: {@link RoomSocket} closes with {@link FrameFailures}.
 *
 * <p>
 * Vert.x 4 offers no API to the pipeline of a WebSocket; it is reached through the HTTP connection under it, an
 * implementation class ({@code ConnectionBase}). Should that ever change, nothing is installed and such codes are
 * echoed again (WebSocketConformanceTest, section 7.9, notices).
 */
@ChannelHandler.Sharable
final class CloseCodeCheck extends ChannelInboundHandlerAdapter {

    private static final CloseCodeCheck INSTANCE = new CloseCodeCheck();
    private static final String NAME = "quarkade-close-code-check";
    /** The highest code RFC 6455 defines a meaning or a range for (4000-4999: private use). */
    private static final int HIGHEST_DEFINED = 4999;

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

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
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
