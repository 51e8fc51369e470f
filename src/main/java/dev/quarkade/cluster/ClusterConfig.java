package dev.quarkade.cluster;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of cluster mode ({@code quarkade.cluster.*}); read only when a Redis server is configured. The node's own
 * URLs ({@code public-url}, {@code internal-url}) are in {@code node.NodeUrlsConfig}.
 */
@ConfigMapping(prefix = "quarkade.cluster")
public interface ClusterConfig {

    /** A node that has not renewed its registration for this long is dead; it renews every third of it. */
    @WithDefault("10s")
    Duration nodeTtl();

    /** How often this node looks for rooms whose status or seats changed and writes them to the directory. */
    @WithDefault("250ms")
    Duration syncInterval();

    /**
     * How long join-or-create waits for a room another caller is creating (one creation per game at a time, so a
     * burst of players fills rooms instead of opening one each).
     */
    @WithDefault("5s")
    Duration createWait();
}
