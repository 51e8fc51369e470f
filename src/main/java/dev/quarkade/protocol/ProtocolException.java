package dev.quarkade.protocol;

/** A frame the peer must not have sent; carries the WebSocket close code the connection should be closed with. */
public final class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int closeCode;

    public ProtocolException(int closeCode, String message) {
        // No stack trace: a hostile client can trigger these at will, and the message says all we need.
        super(message, null, false, false);
        this.closeCode = closeCode;
    }

    /** Malformed frame: close with 1007. */
    public static ProtocolException malformed(String message) {
        return new ProtocolException(CloseCodes.INVALID_PAYLOAD, message);
    }

    public int closeCode() {
        return closeCode;
    }
}
