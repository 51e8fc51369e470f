package dev.quarkade.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.quarkade.game.arena.ArenaInput;
import dev.quarkade.protocol.ClientMessage.Ack;
import dev.quarkade.protocol.ClientMessage.Chat;
import dev.quarkade.protocol.ClientMessage.Input;
import dev.quarkade.protocol.ClientMessage.Leave;
import dev.quarkade.protocol.ClientMessage.Ping;
import dev.quarkade.protocol.ClientMessage.ResyncRequest;
import dev.quarkade.protocol.ClientMessage.TokenRefresh;

class ClientCodecTest {

    static final List<ClientMessage> SAMPLES = List.of(
            new Input(0, 0, new byte[0]),
            new Input(0xffffffffL, 0xfffffffeL, new ArenaInput(-127, 127, ArenaInput.FIRE | ArenaInput.DASH).encode()),
            new Input(7, 3, new byte[Limits.MAX_INPUT_PAYLOAD]),
            new Ack(0), new Ack(0xffffffffL),
            new ResyncRequest(),
            new Chat("x"), new Chat("é".repeat(Limits.MAX_CHAT_BYTES / 2)),
            new Ping(0), new Ping(0xffffffffL),
            new TokenRefresh("a".repeat(Limits.MAX_TOKEN_BYTES)),
            new Leave());

    @Test
    void everyClientMessageRoundTrips() throws ProtocolException {
        for (ClientMessage m : SAMPLES) {
            assertEquals(m, ClientCodec.decode(ClientCodec.encode(m)), m.toString());
            assertEquals(m, ClientCodec.decode(ByteBuffer.wrap(ClientCodec.encode(m))), m.toString());
        }
    }

    @Test
    void decodesFromTheMiddleOfABuffer() throws ProtocolException {
        byte[] frame = ClientCodec.encode(new Ack(9));
        byte[] padded = new byte[frame.length + 4];
        System.arraycopy(frame, 0, padded, 2, frame.length);
        ByteBuffer b = ByteBuffer.wrap(padded, 2, frame.length).slice();
        assertEquals(new Ack(9), ClientCodec.decode(b));
    }

    @Test
    void emptyFrameIsMalformed() {
        assertClose(CloseCodes.INVALID_PAYLOAD, new byte[0]);
    }

    @Test
    void unknownAndServerTypesAreMalformed() {
        assertClose(CloseCodes.INVALID_PAYLOAD, new byte[] { 0x00 });
        assertClose(CloseCodes.INVALID_PAYLOAD, new byte[] { 0x08 });
        assertClose(CloseCodes.INVALID_PAYLOAD, new byte[] { (byte) 0x83, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
    }

    @Test
    void truncatedFramesAreMalformed() {
        for (ClientMessage m : SAMPLES) {
            byte[] frame = ClientCodec.encode(m);
            boolean fixedWidth = m instanceof Ack || m instanceof Ping;
            if (fixedWidth) {
                for (int len = 1; len < frame.length; len++) {
                    assertClose(CloseCodes.INVALID_PAYLOAD, Arrays.copyOf(frame, len));
                }
            }
        }
        assertClose(CloseCodes.INVALID_PAYLOAD, new byte[] { 0x01, 0, 0, 0, 1, 0, 0 });
    }

    @Test
    void trailingBytesAreMalformed() {
        for (ClientMessage m : List.of(new Ack(1), new Ping(1), new ResyncRequest(), new Leave())) {
            byte[] frame = ClientCodec.encode(m);
            assertClose(CloseCodes.INVALID_PAYLOAD, Arrays.copyOf(frame, frame.length + 1));
        }
    }

    @Test
    void chatOutsideItsLengthLimitsIsMalformed() {
        assertClose(CloseCodes.INVALID_PAYLOAD, new byte[] { 0x04 });
        byte[] tooLong = new byte[1 + Limits.MAX_CHAT_BYTES + 1];
        Arrays.fill(tooLong, (byte) 'a');
        tooLong[0] = 0x04;
        assertClose(CloseCodes.INVALID_PAYLOAD, tooLong);
    }

    @Test
    void invalidUtf8IsMalformed() {
        assertClose(CloseCodes.INVALID_PAYLOAD, new byte[] { 0x04, 'h', (byte) 0xc3 });
        assertClose(CloseCodes.INVALID_PAYLOAD, new byte[] { 0x04, (byte) 0xed, (byte) 0xa0, (byte) 0x80 });
        assertClose(CloseCodes.INVALID_PAYLOAD, new byte[] { 0x06, (byte) 0xff });
    }

    @Test
    void tokenOverItsLimitIsMalformed() {
        byte[] frame = new byte[1 + Limits.MAX_TOKEN_BYTES + 1];
        Arrays.fill(frame, (byte) 'a');
        frame[0] = 0x06;
        assertClose(CloseCodes.INVALID_PAYLOAD, frame);
    }

    @Test
    void inputPayloadOverItsLimitIsMalformed() {
        byte[] frame = new byte[9 + Limits.MAX_INPUT_PAYLOAD + 1];
        frame[0] = 0x01;
        assertClose(CloseCodes.INVALID_PAYLOAD, frame);
    }

    @Test
    void arenaInputOutOfRangeIsMalformed() throws ProtocolException {
        assertEquals(new ArenaInput(100, -50, 1), ArenaInput.decode(new byte[] { 100, -50, 1 }));
        for (byte[] bad : List.of(new byte[] { -128, 0, 0 }, new byte[] { 0, -128, 0 }, new byte[] { 0, 0, 4 },
                new byte[] { 0, 0 }, new byte[] { 0, 0, 0, 0 })) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> ArenaInput.decode(bad));
            assertEquals(CloseCodes.INVALID_PAYLOAD, e.closeCode());
        }
    }

    @Test
    void encoderRefusesValuesTheWireCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> ClientCodec.encode(new Ack(-1)));
        assertThrows(IllegalArgumentException.class, () -> ClientCodec.encode(new Ping(1L << 32)));
        assertThrows(IllegalArgumentException.class, () -> ClientCodec.encode(new Chat("")));
        assertThrows(IllegalArgumentException.class, () -> new ArenaInput(-128, 0, 0).encode());
    }

    static void assertClose(int code, byte[] frame) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> ClientCodec.decode(frame));
        assertEquals(code, e.closeCode(), e.getMessage());
    }
}
