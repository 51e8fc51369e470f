package dev.quarkade.protocol;

/** Size limits of the wire protocol; part of the contract in docs/protocol.md, so not configurable. */
public final class Limits {

    /** Protocol version sent in WELCOME. */
    public static final int PROTOCOL_VERSION = 1;
    /**
     * Largest client-to-server message; anything bigger closes with 1009. Enforced by the WebSocket server itself
     * (configured from this constant by {@code transport.WebSocketServerOptions}), before a message is reassembled.
     */
    public static final int MAX_CLIENT_FRAME = 16 * 1024;
    /** Largest server-to-client frame a client must accept. */
    public static final int MAX_SERVER_FRAME = 1024 * 1024;
    /** Largest game input payload in INPUT. */
    public static final int MAX_INPUT_PAYLOAD = 64;
    /** Largest chat text, in UTF-8 bytes. */
    public static final int MAX_CHAT_BYTES = 200;
    /** Largest access token in TOKEN_REFRESH, in bytes. */
    public static final int MAX_TOKEN_BYTES = 8 * 1024;
    /** Largest display name in ROSTER, in UTF-8 bytes (length is one byte). */
    public static final int MAX_NAME_BYTES = 64;

    private Limits() {
    }
}
