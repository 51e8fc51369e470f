package dev.quarkade.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A bounds-checked big-endian cursor over a frame; every read past the end is a 1007 {@link ProtocolException}. */
public final class FrameReader {

    private final byte[] buf;
    private final int end;
    private int pos;

    public FrameReader(byte[] frame) {
        this(frame, 0, frame.length);
    }

    public FrameReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    /** Reads the remaining bytes of a buffer; copies only when it is not backed by an accessible array. */
    public static FrameReader of(ByteBuffer b) {
        if (b.hasArray()) {
            return new FrameReader(b.array(), b.arrayOffset() + b.position(), b.remaining());
        }
        byte[] copy = new byte[b.remaining()];
        b.duplicate().get(copy);
        return new FrameReader(copy);
    }

    public int remaining() {
        return end - pos;
    }

    public int position() {
        return pos;
    }

    private void need(int n) throws ProtocolException {
        if (end - pos < n) {
            throw ProtocolException.malformed("truncated frame");
        }
    }

    public int u8() throws ProtocolException {
        need(1);
        return buf[pos++] & 0xff;
    }

    public int i8() throws ProtocolException {
        need(1);
        return buf[pos++];
    }

    public int u16() throws ProtocolException {
        need(2);
        int v = (buf[pos] & 0xff) << 8 | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    public int i32() throws ProtocolException {
        need(4);
        int v = (buf[pos] & 0xff) << 24 | (buf[pos + 1] & 0xff) << 16 | (buf[pos + 2] & 0xff) << 8
                | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public long u32() throws ProtocolException {
        return i32() & 0xffffffffL;
    }

    public long u64() throws ProtocolException {
        long hi = u32();
        return hi << 32 | u32();
    }

    /** Unsigned LEB128 of at most 5 bytes (32 bits); longer encodings are malformed. */
    public int varint() throws ProtocolException {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = u8();
            if (shift == 28 && (b & 0xf0) != 0) {
                throw ProtocolException.malformed("varint overflows 32 bits");
            }
            v |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw ProtocolException.malformed("varint overflows 32 bits");
    }

    public int zigzag() throws ProtocolException {
        int v = varint();
        return (v >>> 1) ^ -(v & 1);
    }

    /** A varint that must lie in {@code [min, max]}. */
    public int varint(int min, int max, String what) throws ProtocolException {
        int v = varint();
        if (v < min || v > max) {
            throw ProtocolException.malformed(what + " out of range: " + Integer.toUnsignedString(v));
        }
        return v;
    }

    public byte[] bytes(int n) throws ProtocolException {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    public byte[] rest() throws ProtocolException {
        return bytes(remaining());
    }

    /** The rest of the frame, malformed when it is longer than {@code maxBytes}. */
    public byte[] rest(int maxBytes, String what) throws ProtocolException {
        if (remaining() > maxBytes) {
            throw ProtocolException.malformed(what + " over " + maxBytes + " bytes");
        }
        return rest();
    }

    /** Strict UTF-8 of the next {@code n} bytes; invalid sequences are malformed rather than replaced. */
    public String utf8(int n) throws ProtocolException {
        need(n);
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, pos, n))
                    .toString();
            pos += n;
            return s;
        } catch (CharacterCodingException e) {
            throw ProtocolException.malformed("invalid UTF-8");
        }
    }

    /** A u8 length then that many bytes of UTF-8, at most {@code maxBytes}. */
    public String shortString(int maxBytes) throws ProtocolException {
        int n = u8();
        if (n > maxBytes) {
            throw ProtocolException.malformed("string longer than " + maxBytes + " bytes");
        }
        return utf8(n);
    }

    /** Fails unless the frame has been read to its last byte. */
    public void expectEnd() throws ProtocolException {
        if (pos != end) {
            throw ProtocolException.malformed((end - pos) + " trailing bytes");
        }
    }
}
