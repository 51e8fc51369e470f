package dev.quarkade.room;

import java.nio.ByteBuffer;

/** How a room reaches one player's connection. Implemented by the transport; every method is safe from any thread. */
public interface PlayerChannel {

    /**
     * Whether another state frame may be queued now. False while this connection still has
     * {@code quarkade.room.max-frames-in-flight} frames not yet written to the socket: the room then skips the player
     * this tick, and the next state (a delta from the player's acknowledged baseline) carries everything skipped.
     */
    boolean isWritable();

    /** Sends one binary frame; the bytes are copied before this returns, so the caller may reuse the buffer. */
    void send(ByteBuffer frame);

    /**
     * Sends one binary frame and takes the array: the caller must not touch it afterwards. The tick's state frames go
     * this way, so each is written once, into its own array, and reaches the socket without another copy.
     */
    default void sendOwned(byte[] frame) {
        send(ByteBuffer.wrap(frame));
    }

    /** Closes the connection with a WebSocket close code and reason. */
    void close(int code, String reason);

    /** The latest round-trip time measured on this connection, in milliseconds (0 until measured). */
    int rttMillis();
}
