package dev.quarkade.room.runtime;

/** A new room was refused: this node has {@code quarkade.room.max-rooms} open. */
public class RoomLimitException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public RoomLimitException(String message) {
        super(message);
    }
}
