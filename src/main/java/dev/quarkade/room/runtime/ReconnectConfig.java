package dev.quarkade.room.runtime;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long a dropped player keeps their seat ({@code quarkade.reconnect.*}). */
@ConfigMapping(prefix = "quarkade.reconnect")
public interface ReconnectConfig {

    /** A dropped or disconnected player keeps seat and state this long; then the seat is released. */
    @WithDefault("20s")
    Duration grace();
}
