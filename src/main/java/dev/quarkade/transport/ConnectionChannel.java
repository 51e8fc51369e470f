package dev.quarkade.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

import dev.quarkade.room.PlayerChannel;
import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * A room's view of one WebSocket connection, and the one place frames leave for it. Frames the room sends during a
 * tick are framed into one {@link FrameBatch}; at the end of the tick that batch is written and flushed on the
 * connection's own event loop, in one task (or at once when the room ticks on that loop): one write, one flush and at
 * most one cross-thread task per connection per tick, where websockets-next's {@code sendBinary} cost a Mutiny
 * {@code Uni}, a captured context, a cross-thread task and a flush for every frame.
 *
 * <p>
 * The batch is written to Vert.x's handler context of the socket's Netty pipeline (what Vert.x's own WebSocket writes
 * go through), so it passes any TLS handler on its way out. Backpressure is here too: the connection is not writable
 * while {@code maxFramesInFlight} ticks' batches are still unwritten, or while Netty holds more than its high-water
 * mark of unsent bytes. The room then skips STATE frames, so a frozen peer's unsent data stays bounded.
 */
final class ConnectionChannel implements PlayerChannel {

    private final WebSocketConnection connection;
    private final ChannelHandlerContext socket;
    private final int maxFramesInFlight;
    /** Batches handed to the event loop and not yet written to the socket. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ChannelFutureListener written = future -> inFlight.decrementAndGet();
    private final Counter sent;
    /** Tick thread only. */
    private final FrameBatch batch;
    private volatile int rttMillis;

    ConnectionChannel(WebSocketConnection connection, ChannelHandlerContext socket, int maxFramesInFlight,
            Counter sent) {
        this.connection = connection;
        this.socket = socket;
        this.sent = sent;
        this.maxFramesInFlight = maxFramesInFlight;
        this.batch = new FrameBatch(socket.alloc());
    }

    WebSocketConnection connection() {
        return connection;
    }

    @Override
    public boolean isWritable() {
        // The Netty channel's flags, not connection.isOpen(): Vert.x answers that under the connection's lock, which
        // the event loop holds while it reads, and the room asks for every player every tick.
        return inFlight.get() < maxFramesInFlight && socket.channel().isWritable() && socket.channel().isActive();
    }

    @Override
    public void send(ByteBuffer frame) {
        batch.add(frame);
        sent.increment();
    }

    @Override
    public void sendState(byte[] header, int headerLength, byte[] body) {
        batch.add(header, headerLength, body);
        sent.increment();
    }

    @Override
    public void flush() {
        ByteBuf out = batch.take();
        if (out == null) {
            return;
        }
        if (connection.isOpen()) {
            write(out);
        } else {
            out.release(); // closed meanwhile: nothing more may follow its Close frame
        }
    }

    /** Sends one frame at once, from any thread: for answers outside the tick (PONG, TOKEN_ACCEPTED). */
    void sendNow(ByteBuffer frame) {
        ByteBuf out = socket.alloc().ioBuffer(frame.remaining() + 4);
        FrameBatch.writeHeader(out, frame.remaining());
        out.writeBytes(frame);
        sent.increment();
        write(out);
    }

    private void write(ByteBuf out) {
        inFlight.incrementAndGet();
        if (socket.executor().inEventLoop()) {
            writeOnLoop(out);
        } else {
            socket.executor().execute(() -> writeOnLoop(out));
        }
    }

    /** Checks only the socket: a Close asked for after this batch was handed over is queued behind it. */
    private void writeOnLoop(ByteBuf out) {
        if (!socket.channel().isActive()) {
            out.release();
            inFlight.decrementAndGet();
            return;
        }
        socket.writeAndFlush(out).addListener(written);
    }

    /** Flushes what this tick queued, then closes: the Close frame follows those frames on the same event loop. */
    @Override
    public void close(int code, String reason) {
        flush();
        ServerClose.close(connection, code, reason);
    }

    @Override
    public int rttMillis() {
        return rttMillis;
    }

    void rttMillis(int rtt) {
        this.rttMillis = rtt;
    }
}
