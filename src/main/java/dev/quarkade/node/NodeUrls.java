package dev.quarkade.node;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** This node's public WebSocket base URL and internal HTTP base URL, as configured, without a trailing slash. */
@ApplicationScoped
public class NodeUrls {

    private final Optional<String> publicUrl;
    private final Optional<String> internalUrl;

    NodeUrls(NodeUrlsConfig config) {
        this.publicUrl = config.publicUrl().filter(u -> !u.isBlank()).map(NodeUrls::trim);
        this.internalUrl = config.internalUrl().filter(u -> !u.isBlank()).map(NodeUrls::trim);
    }

    /** {@code quarkade.cluster.public-url}, if set. */
    public Optional<String> publicUrl() {
        return publicUrl;
    }

    /** {@code quarkade.cluster.internal-url}, or the public URL with ws/wss turned into http/https. */
    public Optional<String> internalUrl() {
        return internalUrl.or(() -> publicUrl.map(NodeUrls::httpOf));
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

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
