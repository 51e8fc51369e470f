package dev.quarkade.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian byte buffer for building frames. Meant to be kept per thread (or per room) and
 * {@link #reset()} between frames, so the broadcast path allocates only the final frame, or nothing when the bytes
 * are copied straight out with {@link #asByteBuffer()}.
 */
public final class FrameWriter {

    private byte[] buf;
    private int size;

    public FrameWriter() {
        this(256);
    }

    public FrameWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public FrameWriter reset() {
        size = 0;
        return this;
    }

    public int size() {
        return size;
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    public FrameWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public FrameWriter u16(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public FrameWriter i32(int v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    /** Writes the low 32 bits of {@code v}; callers pass u32 values held in a long. */
    public FrameWriter u32(long v) {
        return i32((int) v);
    }

    public FrameWriter u64(long v) {
        i32((int) (v >>> 32));
        return i32((int) v);
    }

    /** Unsigned LEB128: 7 bits per byte, least significant group first, high bit set on all but the last byte. */
    public FrameWriter varint(int v) {
        ensure(5);
        while ((v & ~0x7f) != 0) {
            buf[size++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
        return this;
    }

    /** Zigzag-maps a signed value (0, -1, 1, -2 ... to 0, 1, 2, 3 ...) so small magnitudes stay short, then varint. */
    public FrameWriter zigzag(int v) {
        return varint((v << 1) ^ (v >> 31));
    }

    public FrameWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public FrameWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** Writes a u8 length then the UTF-8 bytes; the caller checks the length limit. */
    public FrameWriter shortString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 255) {
            throw new IllegalArgumentException("string longer than 255 bytes");
        }
        u8(b.length);
        return bytes(b);
    }

    /** A copy of the written bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** A read-only view of the written bytes, valid until the next write or reset. */
    /**
     * The backing array, valid from 0 to {@link #size()} until the next write: lets a shared body be copied without a wrapper.
     */
    public byte[] array() {
        return buf;
    }

    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(buf, 0, size).asReadOnlyBuffer();
    }
}
