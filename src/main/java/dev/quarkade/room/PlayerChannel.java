package dev.quarkade.room;

import java.nio.ByteBuffer;

/**
 * How a room reaches one player's connection. Implemented by the transport. {@link #isWritable()},
 * {@link #rttMillis()} are safe from any thread; the sending methods and {@link #close} are called by the room's
 * tick thread (one thread at a time). Frames sent during a tick are held until {@link #flush()}, which the room calls
 * once at the end of the tick, so a connection gets at most one write per tick.
 */
public interface PlayerChannel {

    /**
     * Whether another state frame may be queued now. False while this connection still has
     * {@code quarkade.room.max-frames-in-flight} ticks of frames not yet written to the socket, or the socket's own
     * buffer is over its high-water mark: the room then skips the player this tick, and the next state (a delta from
     * the player's acknowledged baseline) carries everything skipped.
     */
    boolean isWritable();

    /** Queues one binary frame for this tick; the bytes are copied before this returns, so the caller may reuse them. */
    void send(ByteBuffer frame);

    /**
     * Queues one STATE frame made of {@code header[0, headerLength)} followed by the whole {@code body}: the header is
     * the player's own, the body is shared by every player with the same baseline. Both are copied before this
     * returns.
     */
    default void sendState(byte[] header, int headerLength, byte[] body) {
        ByteBuffer frame = ByteBuffer.allocate(headerLength + body.length);
        frame.put(header, 0, headerLength).put(body).flip();
        send(frame);
    }

    /** Hands the frames queued this tick to the socket in one write; nothing when none were queued. */
    default void flush() {
    }

    /** Closes the connection with a WebSocket close code and reason, after the frames already queued. */
    void close(int code, String reason);

    /** The latest round-trip time measured on this connection, in milliseconds (0 until measured). */
    int rttMillis();
}
