package dev.quarkade.protocol;

/**
 * The message type table: the first byte of every frame. Client-to-server codes are 0x01-0x7f, server-to-client codes
 * have the high bit set, so a frame sent the wrong way is rejected by its type alone.
 */
public enum MessageType {

    INPUT(0x01),
    ACK(0x02),
    RESYNC_REQUEST(0x03),
    CHAT(0x04),
    PING(0x05),
    TOKEN_REFRESH(0x06),
    LEAVE(0x07),

    WELCOME(0x81),
    STATE(0x82),
    PONG(0x83),
    CHAT_RELAY(0x84),
    ROSTER(0x85),
    MATCH_END(0x86),
    TOKEN_ACCEPTED(0x87),
    GAME_EVENT(0x88),
    MATCH_STATUS(0x89);

    private static final MessageType[] BY_CODE = new MessageType[256];

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Whether this message goes from client to server. */
    public boolean fromClient() {
        return code < 0x80;
    }

    /** The type for a first byte, or {@code null} if unknown. */
    public static MessageType of(int code) {
        return BY_CODE[code & 0xff];
    }
}
