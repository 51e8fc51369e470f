package dev.quarkade.transport;

import java.nio.ByteBuffer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The binary messages one connection gets in one tick, already framed as RFC 6455 server frames (FIN, opcode 2, not
 * masked, 7/16/64-bit length) one after the other in a single pooled buffer, so the tick costs that connection one
 * buffer, one write and one flush. Netty's WebSocket encoder passes a plain {@code ByteBuf} through untouched, and
 * would itself copy any payload under 1 KiB into a fresh header buffer, so framing here saves that copy too.
 * Not thread-safe: filled by the room's tick thread, then {@link #take() taken} whole.
 */
final class FrameBatch {

    /** Room for the first frame and a few more before the buffer grows (a STATE frame of the arena is ~75 bytes). */
    private static final int INITIAL_CAPACITY = 256;
    private static final int FIN_BINARY = 0x82;

    private final ByteBufAllocator allocator;
    private ByteBuf buffer;
    private int frames;

    FrameBatch(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    /** Appends one message: the frame's remaining bytes are copied. */
    void add(ByteBuffer message) {
        ByteBuf out = open(message.remaining());
        out.writeBytes(message);
    }

    /** Appends one message made of {@code head[0, headLength)} followed by the whole {@code tail}. */
    void add(byte[] head, int headLength, byte[] tail) {
        ByteBuf out = open(headLength + tail.length);
        out.writeBytes(head, 0, headLength).writeBytes(tail);
    }

    /** Messages added since the last {@link #take()}. */
    int frames() {
        return frames;
    }

    /** The framed messages so far, handed over with their reference (null when there are none); the batch is empty after. */
    ByteBuf take() {
        ByteBuf out = buffer;
        buffer = null;
        frames = 0;
        return out;
    }

    /** Drops what was added and not taken. */
    void discard() {
        ByteBuf out = take();
        if (out != null) {
            out.release();
        }
    }

    private ByteBuf open(int length) {
        if (buffer == null) {
            buffer = allocator.ioBuffer(Math.max(INITIAL_CAPACITY, length + 10));
        }
        frames++;
        writeHeader(buffer, length);
        return buffer;
    }

    /** An unmasked final binary frame header for a payload of {@code length} bytes (RFC 6455, 5.2). */
    static void writeHeader(ByteBuf out, int length) {
        out.writeByte(FIN_BINARY);
        if (length < 126) {
            out.writeByte(length);
        } else if (length <= 0xffff) {
            out.writeByte(126).writeShort(length);
        } else {
            out.writeByte(127).writeLong(length);
        }
    }
}
