package dev.quarkade.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.quarkade.protocol.ClientMessage.Ack;
import dev.quarkade.protocol.ClientMessage.Chat;
import dev.quarkade.protocol.ClientMessage.Input;
import dev.quarkade.protocol.ClientMessage.Leave;
import dev.quarkade.protocol.ClientMessage.Ping;
import dev.quarkade.protocol.ClientMessage.ResyncRequest;
import dev.quarkade.protocol.ClientMessage.TokenRefresh;

/** Encodes and decodes client-to-server frames; the server decodes, the load generator and tests encode. */
public final class ClientCodec {

    private static final ResyncRequest RESYNC = new ResyncRequest();
    private static final Leave LEAVE = new Leave();

    private ClientCodec() {
    }

    public static ClientMessage decode(ByteBuffer frame) throws ProtocolException {
        return decode(FrameReader.of(frame));
    }

    public static ClientMessage decode(byte[] frame) throws ProtocolException {
        return decode(new FrameReader(frame));
    }

    private static ClientMessage decode(FrameReader r) throws ProtocolException {
        if (r.remaining() == 0) {
            throw ProtocolException.malformed("empty frame");
        }
        int code = r.u8();
        MessageType type = MessageType.of(code);
        if (type == null || !type.fromClient()) {
            throw ProtocolException.malformed("unknown client message type 0x" + Integer.toHexString(code));
        }
        ClientMessage m = switch (type) {
            case INPUT -> input(r);
            case ACK -> new Ack(r.u32());
            case RESYNC_REQUEST -> RESYNC;
            case CHAT -> new Chat(text(r, Limits.MAX_CHAT_BYTES, "chat"));
            case PING -> new Ping(r.u32());
            case TOKEN_REFRESH -> new TokenRefresh(text(r, Limits.MAX_TOKEN_BYTES, "token"));
            case LEAVE -> LEAVE;
            default -> throw new IllegalStateException("server type in client table: " + type);
        };
        r.expectEnd();
        return m;
    }

    private static Input input(FrameReader r) throws ProtocolException {
        long seq = r.u32();
        long ack = r.u32();
        return new Input(seq, ack, r.rest(Limits.MAX_INPUT_PAYLOAD, "input payload"));
    }

    /** Rest of the frame as 1 to {@code max} bytes of strict UTF-8. */
    static String text(FrameReader r, int max, String what) throws ProtocolException {
        int n = r.remaining();
        if (n == 0 || n > max) {
            throw ProtocolException.malformed(what + " length " + n + " not in 1.." + max);
        }
        return r.utf8(n);
    }

    /** Appends the frame for {@code m} to {@code w}; throws IllegalArgumentException for values the wire cannot carry. */
    public static FrameWriter encode(ClientMessage m, FrameWriter w) {
        w.u8(m.type().code());
        if (m instanceof Input i) {
            checkU32(i.seq(), "seq");
            checkU32(i.ackTick(), "ackTick");
            check(i.payload().length <= Limits.MAX_INPUT_PAYLOAD, "input payload too long");
            w.u32(i.seq()).u32(i.ackTick()).bytes(i.payload());
        } else if (m instanceof Ack a) {
            checkU32(a.tick(), "tick");
            w.u32(a.tick());
        } else if (m instanceof Chat c) {
            utf8(w, c.text(), Limits.MAX_CHAT_BYTES);
        } else if (m instanceof Ping p) {
            checkU32(p.nonce(), "nonce");
            w.u32(p.nonce());
        } else if (m instanceof TokenRefresh t) {
            utf8(w, t.token(), Limits.MAX_TOKEN_BYTES);
        }
        return w;
    }

    public static byte[] encode(ClientMessage m) {
        return encode(m, new FrameWriter()).toByteArray();
    }

    static void utf8(FrameWriter w, String s, int max) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        check(b.length >= 1 && b.length <= max, "text length " + b.length + " not in 1.." + max);
        w.bytes(b);
    }

    static void checkU32(long v, String what) {
        if (v < 0 || v > 0xffffffffL) {
            // The message is built only on failure: this check runs three times per STATE frame.
            throw new IllegalArgumentException(what + " is not a u32: " + v);
        }
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
