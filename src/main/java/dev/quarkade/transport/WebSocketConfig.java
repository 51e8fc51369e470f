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

    /**
     * Ticks of frames (each with at most one STATE) queued on one connection and not yet written. Beyond it, or while
     * the socket holds more unsent bytes than Netty's high-water mark, the room skips the player that tick and their
     * next state carries what they missed: a slow consumer never grows a queue. Formerly
     * {@code quarkade.room.max-frames-in-flight}, which is still read ({@link RenamedSettings}).
     */
    @WithDefault("3")
    int maxFramesInFlight();
}
