package dev.quarkade.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.protocol.FrameWriter;
import dev.quarkade.protocol.ProtocolException;

class StateCodecTest {

    private static WorldState sample() {
        WorldState s = new WorldState(2);
        s.setGlobal(0, 5400);
        s.put(1, 1, 1200, -300, 0, 0, 100, 3);
        s.put(300, 2, 10, 20, 30, -30);
        s.put(400, 3);
        return s;
    }

    @Test
    void fullSnapshotRoundTrips() throws ProtocolException {
        WorldState s = sample();
        assertEquals(s, StateCodec.decodeFull(StateCodec.encodeFull(s, new FrameWriter()).toByteArray()));
    }

    @Test
    void unchangedStateHasAFourByteDelta() {
        byte[] delta = StateCodec.encodeDelta(sample(), sample(), new FrameWriter()).toByteArray();
        assertEquals("00000000", HexFormat.of().formatHex(delta));
    }

    @Test
    void deltaTurnsBaselineIntoCurrent() throws ProtocolException {
        WorldState base = sample();
        WorldState cur = sample();
        cur.remove(1);
        cur.put(2, 1, 7);
        cur.put(300, 9, 1);
        cur.set(300, 0, -1);
        cur.put(400, 3);
        cur.setGlobal(1, -2);
        byte[] delta = StateCodec.encodeDelta(base, cur, new FrameWriter()).toByteArray();
        assertEquals(cur, StateCodec.applyDelta(base, delta));
        assertEquals(sample(), base);
    }

    @Test
    void deltasThatDoNotFitTheBaselineAreMalformed() {
        WorldState base = sample();
        assertMalformed(base, "01" + "05" + "00" + "00" + "00"); // removes absent entity 5
        assertMalformed(base, "00" + "00" + "01" + "01" + "40" + "00" + "00"); // mask bit 6 of a 6-field entity
        assertMalformed(base, "00" + "00" + "01" + "9003" + "01" + "00" + "00"); // changes entity 400 with 0 fields
        assertMalformed(base, "00" + "00" + "00" + "04"); // global 2 of 2
        assertMalformed(base, "02" + "ac02" + "01" + "00" + "00" + "00"); // removed ids not ascending
        assertMalformed(base, "00000000" + "00"); // trailing byte
    }

    @Test
    void snapshotsWithDescendingIdsOrTooManyFieldsAreMalformed() {
        assertThrows(ProtocolException.class,
                () -> StateCodec.decodeFull(HexFormat.of().parseHex("00" + "02" + "050100" + "030100")));
        assertThrows(ProtocolException.class,
                () -> StateCodec.decodeFull(HexFormat.of().parseHex("00" + "01" + "050111" + "00".repeat(17))));
        assertThrows(ProtocolException.class, () -> StateCodec.decodeFull(HexFormat.of().parseHex("11")));
    }

    @Test
    void checksumIsCrc32OfTheFullSnapshot() {
        WorldState s = new WorldState(0);
        // CRC-32 of the two bytes 00 00 (no globals, no entities).
        assertEquals(0x41d912ff, Checksum.of(s));
        assertArrayEquals(new byte[] { 0, 0 }, StateCodec.encodeFull(s, new FrameWriter()).toByteArray());
    }

    private static void assertMalformed(WorldState base, String hex) {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> StateCodec.applyDelta(base, HexFormat.of().parseHex(hex)));
        assertEquals(CloseCodes.INVALID_PAYLOAD, e.closeCode());
    }
}
