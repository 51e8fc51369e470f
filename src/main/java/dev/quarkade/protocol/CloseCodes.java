package dev.quarkade.protocol;

/** Every WebSocket close code Quarkade sends, with its meaning and whether a client should reconnect. */
public final class CloseCodes {

    /** Normal close: the match ended or the player left. */
    public static final int NORMAL = 1000;
    /** Going away: the server is shutting down. */
    public static final int GOING_AWAY = 1001;
    /** Protocol error: the client broke RFC 6455 framing (reserved bits or opcode, bad control or close frame). */
    public static final int PROTOCOL_ERROR = 1002;
    /** Unsupported data: a text frame arrived; the protocol is binary only. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** Invalid payload: malformed, empty, truncated, unknown type, out-of-range field or trailing bytes. */
    public static final int INVALID_PAYLOAD = 1007;
    /** Policy violation: rate limit exceeded, room inbox full, token expired or revoked, kicked. */
    public static final int POLICY_VIOLATION = 1008;
    /** Message too big: a client frame over {@link Limits#MAX_CLIENT_FRAME} bytes. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** Internal error on the server. */
    public static final int INTERNAL_ERROR = 1011;
    /** Service restart: the server restarts; reconnect shortly. */
    public static final int SERVICE_RESTART = 1012;
    /** No frame from the client within the heartbeat timeout. */
    public static final int HEARTBEAT_TIMEOUT = 4000;
    /** The same player connected again to this room; the older connection is closed. */
    public static final int REPLACED = 4001;
    /** The room was closed (match over and room disposed, or closed by an operator). */
    public static final int ROOM_CLOSED = 4002;
    /** The player's seat was released (grace period after a drop ran out, or after LEAVE). */
    public static final int SEAT_EXPIRED = 4003;

    private CloseCodes() {
    }

    /** One row of the close code table. */
    public record Entry(int code, String meaning, boolean reconnect) {
    }

    private static final Entry[] TABLE = {
            new Entry(NORMAL, "normal close", false),
            new Entry(GOING_AWAY, "server shutting down", true),
            new Entry(PROTOCOL_ERROR, "WebSocket protocol error", false),
            new Entry(UNSUPPORTED_DATA, "text frame; binary frames only", false),
            new Entry(INVALID_PAYLOAD, "malformed frame", false),
            new Entry(POLICY_VIOLATION, "policy: rate limit, token expired or revoked, kicked", false),
            new Entry(MESSAGE_TOO_BIG, "frame too big", false),
            new Entry(INTERNAL_ERROR, "internal server error", true),
            new Entry(SERVICE_RESTART, "service restart", true),
            new Entry(HEARTBEAT_TIMEOUT, "heartbeat timeout", true),
            new Entry(REPLACED, "replaced by a newer connection of the same player", false),
            new Entry(ROOM_CLOSED, "room closed", false),
            new Entry(SEAT_EXPIRED, "seat expired", false),
    };

    /** All codes, in ascending order. */
    public static Entry[] table() {
        return TABLE.clone();
    }

    /** The table entry for a code, or {@code null} if Quarkade never sends it. */
    public static Entry lookup(int code) {
        for (Entry e : TABLE) {
            if (e.code() == code) {
                return e;
            }
        }
        return null;
    }
}
