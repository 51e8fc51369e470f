package dev.quarkade.lobby;

import io.vertx.core.http.HttpServerRequest;

/** The one place room URLs are built: the WebSocket path of a room, and absolute URLs from a node's base URL. */
public final class RoomUrls {

    /** Path of every room's WebSocket, before the room id. */
    public static final String WS_PREFIX = "/ws/rooms/";
    /** The WebSocket endpoint's path template. */
    public static final String WS_TEMPLATE = WS_PREFIX + "{roomId}";

    private RoomUrls() {
    }

    public static String wsPath(String roomId) {
        return WS_PREFIX + roomId;
    }

    /** {@code base} (a {@code ws://} or {@code wss://} origin) followed by the room's path; null without a base. */
    public static String wsUrl(String base, String roomId) {
        return base == null ? null : base + wsPath(roomId);
    }

    /**
     * ws(s)://host[:port] of this request, for answers in single-node mode without a configured public URL, or null.
     * The Host header is the client's to write, so an answer never points anyone at a host taken from it, except a
     * loopback name or the very address the client connected to (dev mode, a LAN test): any other host gets no
     * {@code wsUrl}, and clients use {@code wsPath} on the page's own origin. Production sets
     * {@code quarkade.cluster.public-url}.
     */
    public static String requestBase(HttpServerRequest request) {
        String host = request.authority() != null ? request.authority().host() : null;
        if (host == null || !(isLoopback(host) || connectedTo(request, host))) {
            return null;
        }
        return ("https".equals(request.scheme()) ? "wss" : "ws") + "://" + request.authority();
    }

    private static boolean isLoopback(String host) {
        String h = unbracket(host);
        return h.equalsIgnoreCase("localhost") || h.startsWith("127.") || h.equals("::1");
    }

    private static boolean connectedTo(HttpServerRequest request, String host) {
        return request.localAddress() != null && unbracket(host).equals(request.localAddress().hostAddress());
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
