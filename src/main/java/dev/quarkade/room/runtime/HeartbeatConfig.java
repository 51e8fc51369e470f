package dev.quarkade.room.runtime;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * WebSocket heartbeats ({@code quarkade.heartbeat.*}): the transport pings and drops with them, and rooms tell
 * clients the timeout in WELCOME, so a client takes the server for gone after the same silence.
 */
@ConfigMapping(prefix = "quarkade.heartbeat")
public interface HeartbeatConfig {

    /** The server sends a WebSocket Ping to every connection this often. */
    @WithDefault("2s")
    Duration interval();

    /** A connection with no Pong for this long is closed with 4000 "heartbeat timeout" and its player dropped. */
    @WithDefault("6s")
    Duration timeout();
}
