package dev.quarkade.cluster;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.node.NodeName;
import dev.quarkade.node.NodeUrls;

/**
 * This node as the cluster knows it: its id is its {@link NodeName#incarnation() incarnation}, unique to this process
 * start (so a restarted process is a new node, and the owner recorded in room snapshots is this id), and the URLs
 * clients and other nodes reach it at.
 */
@ApplicationScoped
public class ClusterNode {

    private final String id;
    private final NodeUrls urls;

    ClusterNode(NodeUrls urls) {
        this.urls = urls;
        this.id = NodeName.incarnation();
    }

    public String id() {
        return id;
    }

    /** The configured WebSocket base URL; fails when cluster mode has none. */
    public String publicUrl() {
        return urls.publicUrl().orElseThrow(() -> new IllegalStateException(
                "Cluster mode needs quarkade.cluster.public-url: the ws:// or wss:// base URL clients reach this node at"));
    }

    /** The HTTP base URL other nodes call this node's REST API at. */
    public String internalUrl() {
        return urls.internalUrl().orElseThrow(() -> new IllegalStateException(
                "Cluster mode needs quarkade.cluster.public-url or internal-url"));
    }
}
