package dev.quarkade.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

import dev.quarkade.room.PlayerChannel;
import io.micrometer.core.instrument.Counter;
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
        if (!connection.isOpen()) {
            return;
        }
        inFlight.incrementAndGet();
        sent.increment();
        connection.sendBinary(Buffer.buffer(io.netty.buffer.Unpooled.copiedBuffer(frame))).subscribe().with(
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
