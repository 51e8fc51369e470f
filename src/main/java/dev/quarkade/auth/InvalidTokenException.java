package dev.quarkade.auth;

/** An access token that must not be accepted; the reason is for logs only, never for the client. */
public class InvalidTokenException extends RuntimeException {

    public InvalidTokenException(String reason) {
        // Thrown for every forged or stale token: no stack trace to fill.
        super(reason, null, false, false);
    }
}
