package dev.quarkade.cluster;

import java.security.SecureRandom;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.ops.NodeName;

/**
 * This node as the cluster knows it: an id unique to this process start (host name plus a random suffix, so a
 * restarted process is a new incarnation and never inherits a dead one's rooms by accident), and the URLs clients and
 * other nodes reach it at.
 */
@ApplicationScoped
public class ClusterNode {

    private final String id;
    private final ClusterConfig config;

    ClusterNode(ClusterConfig config) {
        this.config = config;
        String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder suffix = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            suffix.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        this.id = NodeName.get() + "-" + suffix;
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
