package dev.quarkade.cluster;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of cluster mode ({@code quarkade.cluster.*}); read only when {@code quarkus.redis.hosts} is set. */
@ConfigMapping(prefix = "quarkade.cluster")
public interface ClusterConfig {

    /**
     * The WebSocket base URL clients reach this node at, e.g. {@code wss://node-1.play.example.com}: join-or-create
     * answers {@code <public-url>/ws/rooms/<id>}. Required in cluster mode; in single-node mode, when unset, the
     * answer is built from the request's scheme and host.
     */
    Optional<String> publicUrl();

    /**
     * The HTTP base URL other nodes call this node's REST API at (to create a room here). Default: the public URL
     * with ws/wss turned into http/https.
     */
    Optional<String> internalUrl();

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
