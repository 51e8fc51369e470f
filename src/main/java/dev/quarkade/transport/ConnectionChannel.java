package dev.quarkade.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

import dev.quarkade.room.PlayerChannel;
import io.micrometer.core.instrument.Counter;
import io.netty.buffer.Unpooled;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;

/**
 * A room's view of one WebSocket connection. It counts frames handed to the socket and not yet written, which is how
 * the room notices a slow consumer without an unbounded queue: past {@code maxFramesInFlight} it is not writable.
 */
final class ConnectionChannel implements PlayerChannel {

    private final WebSocketConnection connection;
    private final int maxFramesInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter sent;
    private volatile int rttMillis;

    ConnectionChannel(WebSocketConnection connection, int maxFramesInFlight, Counter sent) {
        this.connection = connection;
        this.sent = sent;
        this.maxFramesInFlight = maxFramesInFlight;
    }

    WebSocketConnection connection() {
        return connection;
    }

    @Override
    public boolean isWritable() {
        return inFlight.get() < maxFramesInFlight && connection.isOpen();
    }

    @Override
    public void send(ByteBuffer frame) {
        byte[] copy = new byte[frame.remaining()];
        frame.get(copy);
        sendOwned(copy);
    }

    /** The array is wrapped, not copied: Netty writes it as it is and the garbage collector frees it. */
    @Override
    public void sendOwned(byte[] frame) {
        if (!connection.isOpen()) {
            return;
        }
        inFlight.incrementAndGet();
        sent.increment();
        connection.sendBinary(Buffer.buffer(Unpooled.wrappedBuffer(frame))).subscribe().with(
                done -> inFlight.decrementAndGet(),
                failed -> inFlight.decrementAndGet());
    }

    @Override
    public void close(int code, String reason) {
        if (connection.isOpen()) {
            connection.close(new CloseReason(code, reason)).subscribe().with(done -> {
            }, failed -> {
            });
        }
    }

    @Override
    public int rttMillis() {
        return rttMillis;
    }

    void rttMillis(int rtt) {
        this.rttMillis = rtt;
    }
}
