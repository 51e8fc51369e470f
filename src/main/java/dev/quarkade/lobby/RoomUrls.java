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

    /** {@code base} (a {@code ws://} or {@code wss://} origin) followed by the room's path. */
    public static String wsUrl(String base, String roomId) {
        return base + wsPath(roomId);
    }

    /** ws(s)://host[:port] of this request, for answers in single-node mode without a configured public URL. */
    public static String requestBase(HttpServerRequest request) {
        String host = request.getHeader("Host");
        if (host == null && request.authority() != null) {
            host = request.authority().toString();
        }
        return ("https".equals(request.scheme()) ? "wss" : "ws") + "://" + host;
    }
}
