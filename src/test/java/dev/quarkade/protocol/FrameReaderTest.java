package dev.quarkade.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class FrameReaderTest {

    @Test
    void zigzagVarintsRoundTripAtTheExtremes() throws ProtocolException {
        int[] values = { 0, -1, 1, -64, 63, 64, -65, 8191, Integer.MAX_VALUE, Integer.MIN_VALUE };
        FrameWriter w = new FrameWriter(1);
        for (int v : values) {
            w.zigzag(v);
        }
        FrameReader r = new FrameReader(w.toByteArray());
        for (int v : values) {
            assertEquals(v, r.zigzag());
        }
        r.expectEnd();
    }

    @Test
    void zigzagKeepsSmallMagnitudesInOneByte() {
        assertEquals("00017f", HexFormat.of().formatHex(new FrameWriter().zigzag(0).zigzag(-1).zigzag(-64).toByteArray()));
        assertEquals("8001", HexFormat.of().formatHex(new FrameWriter().zigzag(64).toByteArray()));
    }

    @Test
    void varintLongerThanThirtyTwoBitsIsMalformed() {
        assertThrows(ProtocolException.class, () -> new FrameReader(HexFormat.of().parseHex("ffffffff10")).varint());
        assertThrows(ProtocolException.class, () -> new FrameReader(HexFormat.of().parseHex("ffffffff8f01")).varint());
    }

    @Test
    void unsignedFieldsReadAsNonNegative() throws ProtocolException {
        FrameReader r = new FrameReader(HexFormat.of().parseHex("ffffffffffff"));
        assertEquals(0xffffffffL, r.u32());
        assertEquals(0xffff, r.u16());
    }
}
