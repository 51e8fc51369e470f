package dev.quarkade.room.runtime;

/** A room was asked for a game this server does not have, or with a capacity that game does not allow. */
public class UnknownGameException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UnknownGameException(String message) {
        super(message);
    }
}
