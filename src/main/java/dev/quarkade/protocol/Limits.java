package dev.quarkade.protocol;

/** Size limits of the wire protocol; part of the contract in docs/protocol.md, so not configurable. */
public final class Limits {

    /**
     * Protocol version sent in WELCOME. 2: WELCOME carries the reconnect grace, the silence timeout, the game's id and
     * settings; GAME_EVENT and MATCH_STATUS; names up to 96 bytes.
     */
    public static final int PROTOCOL_VERSION = 2;
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
    /**
     * Largest display name in ROSTER, in UTF-8 bytes (length is one byte): 24 code points of 4 bytes each, the longest
     * name the REST API accepts.
     */
    public static final int MAX_NAME_BYTES = 96;
    /** Largest game settings in WELCOME, in bytes (length is two bytes). */
    public static final int MAX_GAME_SETTINGS = 1024;
    /** Largest payload of a GAME_EVENT, in bytes. */
    public static final int MAX_EVENT_PAYLOAD = 4096;

    private Limits() {
    }
}
