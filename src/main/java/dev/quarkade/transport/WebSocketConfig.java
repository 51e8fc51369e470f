package dev.quarkade.transport;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the WebSocket layer ends connections ({@code quarkade.websocket.*}). */
@ConfigMapping(prefix = "quarkade.websocket")
public interface WebSocketConfig {

    /**
     * After the server sends a Close frame, how long it waits for the client's Close before it drops the TCP
     * connection. A client that broke the framing rules never answers (its later bytes are no longer read), so this
     * is how long such a connection lingers.
     */
    @WithDefault("1s")
    Duration closingTimeout();
}
