package dev.quarkade.node;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Where this node is reached ({@code quarkade.cluster.public-url}, {@code quarkade.cluster.internal-url}; the names
 * are older than single-node use of the public URL, and kept). The other cluster settings are in the cluster's own
 * mapping.
 */
@ConfigMapping(prefix = "quarkade.cluster")
public interface NodeUrlsConfig {

    /**
     * The WebSocket base URL clients reach this node at, e.g. {@code wss://node-1.play.example.com}: answers carry
     * {@code <public-url>/ws/rooms/<id>}. Required in cluster mode; in single-node mode, when unset, the answer is
     * built from the request's scheme and host.
     */
    Optional<String> publicUrl();

    /**
     * The HTTP base URL other nodes call this node's REST API at (to create a room here). Default: the public URL
     * with ws/wss turned into http/https.
     */
    Optional<String> internalUrl();
}
