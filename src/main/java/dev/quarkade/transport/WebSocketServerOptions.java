package dev.quarkade.transport;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.protocol.Limits;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The WebSocket server options Quarkus has no property for: how long Vert.x waits for a client's Close (10 s by
 * default, which is how long a client that broke the framing rules would keep its socket), per-frame compression, and
 * the protocol's frame size limit ({@link Limits#MAX_CLIENT_FRAME}).
 */
@ApplicationScoped
public class WebSocketServerOptions implements HttpServerOptionsCustomizer {

    private final WebSocketConfig config;

    WebSocketServerOptions(WebSocketConfig config) {
        this.config = config;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setWebSocketClosingTimeout((int) Math.max(1, config.closingTimeout().toSeconds()));
        // With any compression on offer Netty lets frames with RSV bits through even when no extension was
        // negotiated; RFC 6455 (5.2) asks to fail them. quarkus.websockets-next.server.per-message-compression-supported
        // covers the per-message kind; per-frame compression has no property.
        options.setPerFrameWebSocketCompressionSupported(false);
        options.setPerMessageWebSocketCompressionSupported(false);
        // The protocol's size limit, in one place: no client frame or reassembled message may exceed it (1009).
        options.setMaxWebSocketFrameSize(Limits.MAX_CLIENT_FRAME);
        options.setMaxWebSocketMessageSize(Limits.MAX_CLIENT_FRAME);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        customizeHttpServer(options);
    }
}
