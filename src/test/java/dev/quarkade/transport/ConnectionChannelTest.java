package dev.quarkade.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.quarkade.protocol.FrameWriter;
import dev.quarkade.protocol.ServerCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.util.ResourceLeakDetector;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * The send path of one connection: a tick's frames leave as one write of standard WebSocket frames whose payloads are
 * byte for byte the codec's frames, every buffer is released, and backpressure makes the connection unwritable.
 */
class ConnectionChannelTest {

    private final RecordingAllocator allocator = new RecordingAllocator();
    private final List<Object> held = new ArrayList<>();
    private final List<ChannelPromise> pending = new ArrayList<>();
    private boolean holdWrites;
    private boolean open = true;
    private CloseReason closedWith;
    private EmbeddedChannel socket;
    private ConnectionChannel channel;
    private ResourceLeakDetector.Level leakLevel;

    @BeforeEach
    void setUp() {
        leakLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        // A handler that can hold writes back like a socket that does not drain, then one standing where Vert.x's
        // handler sits, last in the pipeline: the channel writes from its context.
        socket = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (holdWrites) {
                    held.add(msg);
                    pending.add(promise);
                } else {
                    ctx.write(msg, promise);
                }
            }
        }, new ChannelInboundHandlerAdapter());
        socket.config().setAllocator(allocator);
        channel = new ConnectionChannel(connection(), socket.pipeline().lastContext(), 3,
                new SimpleMeterRegistry().counter("sent"));
    }

    @AfterEach
    void tearDown() {
        held.forEach(m -> ((ByteBuf) m).release());
        socket.finishAndReleaseAll();
        assertThat(allocator.buffers).as("every buffer released").allSatisfy(b -> assertThat(b.refCnt()).isZero());
        ResourceLeakDetector.setLevel(leakLevel);
    }

    @Test
    void aTicksFramesLeaveAsOneWriteOfTheCodecsBytes() {
        byte[] small = body(44);
        byte[] medium = body(300); // 16-bit length
        byte[] large = body(70_000); // 64-bit length
        byte[] pong = ServerCodec.encode(new dev.quarkade.protocol.ServerMessage.Pong(7, 1234));
        channel.send(ByteBuffer.wrap(pong));
        List<byte[]> expected = new ArrayList<>(List.of(pong));
        for (byte[] body : List.of(small, medium, large)) {
            FrameWriter header = new FrameWriter(ServerCodec.STATE_HEADER_BYTES);
            ServerCodec.encodeStateHeader(header, 42, 1_700_000_000_000L, 40, 9, 25, 0xCAFE, body.length);
            channel.sendState(header.array(), header.size(), body);
            expected.add(ServerCodec.encodeState(new FrameWriter(), 42, 1_700_000_000_000L, 40, 9, 25, 0xCAFE, body, 0,
                    body.length).toByteArray());
        }
        assertThat(socket.outboundMessages()).as("nothing leaves before the end of the tick").isEmpty();

        channel.flush();

        assertThat(socket.outboundMessages()).as("one write for the tick").hasSize(1);
        assertThat(decode(socket.readOutbound())).containsExactlyElementsOf(expected);
        channel.flush();
        assertThat(socket.outboundMessages()).as("an empty tick writes nothing").isEmpty();
    }

    @Test
    void framesForAClosedConnectionAreReleasedNotWritten() {
        channel.send(ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
        open = false;

        channel.flush();

        assertThat(socket.outboundMessages()).isEmpty();
        assertThat(allocator.buffers).hasSize(1); // released, checked after each test
    }

    @Test
    void closeSendsWhatTheTickQueuedFirst() {
        channel.send(ByteBuffer.wrap(new byte[] { 6, 0, 0 }));

        channel.close(1000, "left");

        assertThat(decode(socket.readOutbound())).containsExactly(new byte[] { 6, 0, 0 });
        assertThat(closedWith.getCode()).isEqualTo(1000);
    }

    @Test
    void notWritableWhileMaxTicksAreUnwritten() {
        holdWrites = true;
        for (int tick = 0; tick < 3; tick++) {
            assertThat(channel.isWritable()).as("tick %d", tick).isTrue();
            channel.send(ByteBuffer.wrap(new byte[] { 1 }));
            channel.flush();
        }
        assertThat(channel.isWritable()).as("3 ticks in flight").isFalse();

        pending.remove(0).setSuccess();

        assertThat(channel.isWritable()).as("one written").isTrue();
    }

    @Test
    void notWritableWhileTheSocketIsOverItsHighWaterMark() {
        socket.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        socket.pipeline().firstContext().write(allocator.buffer(64).writeZero(64)); // written, never flushed

        assertThat(channel.isWritable()).isFalse();

        socket.flush();
        socket.<ByteBuf> readOutbound().release();
        assertThat(channel.isWritable()).isTrue();
    }

    @Test
    void notWritableOnceTheSocketIsClosed() {
        socket.close();
        assertThat(channel.isWritable()).isFalse();
    }

    /** Decodes the written bytes as a client would: every frame must be a final, unmasked binary frame. */
    private static List<byte[]> decode(ByteBuf written) {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false).allowMaskMismatch(false).maxFramePayloadLength(1 << 20).build()));
        client.writeInbound(written);
        List<byte[]> payloads = new ArrayList<>();
        Object frame;
        while ((frame = client.readInbound()) != null) {
            BinaryWebSocketFrame binary = (BinaryWebSocketFrame) frame;
            assertThat(binary.isFinalFragment()).isTrue();
            byte[] bytes = new byte[binary.content().readableBytes()];
            binary.content().readBytes(bytes);
            binary.release();
            payloads.add(bytes);
        }
        client.finishAndReleaseAll();
        return payloads;
    }

    private static byte[] body(int length) {
        byte[] body = new byte[length];
        for (int i = 0; i < length; i++) {
            body[i] = (byte) (i * 31);
        }
        return body;
    }

    private WebSocketConnection connection() {
        return (WebSocketConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { WebSocketConnection.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> open;
                    case "isClosed" -> !open;
                    case "close" -> {
                        closedWith = (CloseReason) args[0];
                        open = false;
                        yield Uni.createFrom().voidItem();
                    }
                    case "id" -> "test";
                    case "userData" -> userData;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The connection's user data: a map, as websockets-next keeps it. */
    private final Map<Object, Object> userDataMap = new HashMap<>();
    private final UserData userData = (UserData) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] { UserData.class }, (proxy, method, args) -> switch (method.getName()) {
                case "get" -> userDataMap.get(args[0]);
                case "put" -> userDataMap.put(args[0], args[1]);
                case "remove" -> userDataMap.remove(args[0]);
                case "size" -> userDataMap.size();
                case "clear" -> {
                    userDataMap.clear();
                    yield null;
                }
                default -> throw new UnsupportedOperationException(method.getName());
            });

    /** Unpooled buffers, each one remembered so the test can check it was released. */
    private static final class RecordingAllocator extends AbstractByteBufAllocator {
        final List<ByteBuf> buffers = new ArrayList<>();

        RecordingAllocator() {
            super(false);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            return record(Unpooled.buffer(initialCapacity, maxCapacity));
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return record(Unpooled.directBuffer(initialCapacity, maxCapacity));
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }

        private ByteBuf record(ByteBuf buffer) {
            buffers.add(buffer);
            return buffer;
        }
    }
}
