package dev.quarkade.cluster;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.ops.NodeName;

/**
 * This node as the cluster knows it: its id is its {@link NodeName#incarnation() incarnation}, unique to this process
 * start (so a restarted process is a new node, and the owner recorded in room snapshots is this id), and the URLs
 * clients and other nodes reach it at.
 */
@ApplicationScoped
public class ClusterNode {

    private final String id;
    private final ClusterConfig config;

    ClusterNode(ClusterConfig config) {
        this.config = config;
        this.id = NodeName.incarnation();
    }

    public String id() {
        return id;
    }

    /** The configured WebSocket base URL without a trailing slash; fails when cluster mode has none. */
    public String publicUrl() {
        return trim(config.publicUrl().filter(u -> !u.isBlank()).orElseThrow(() -> new IllegalStateException(
                "Cluster mode needs quarkade.cluster.public-url: the ws:// or wss:// base URL clients reach this node at")));
    }

    /** The HTTP base URL other nodes call this node's REST API at. */
    public String internalUrl() {
        return config.internalUrl().filter(u -> !u.isBlank()).map(ClusterNode::trim)
                .orElseGet(() -> httpOf(publicUrl()));
    }

    /** ws://h → http://h, wss://h → https://h; anything else unchanged. */
    static String httpOf(String wsUrl) {
        if (wsUrl.startsWith("wss://")) {
            return "https://" + wsUrl.substring(6);
        }
        if (wsUrl.startsWith("ws://")) {
            return "http://" + wsUrl.substring(5);
        }
        return wsUrl;
    }

    static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
