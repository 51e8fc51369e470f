package dev.quarkade.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.quarkade.protocol.ServerMessage.ChatRelay;
import dev.quarkade.protocol.ServerMessage.GameEvent;
import dev.quarkade.protocol.ServerMessage.MatchEnd;
import dev.quarkade.protocol.ServerMessage.MatchStatus;
import dev.quarkade.protocol.ServerMessage.Pong;
import dev.quarkade.protocol.ServerMessage.Result;
import dev.quarkade.protocol.ServerMessage.Roster;
import dev.quarkade.protocol.ServerMessage.RosterEntry;
import dev.quarkade.protocol.ServerMessage.State;
import dev.quarkade.protocol.ServerMessage.TokenAccepted;
import dev.quarkade.protocol.ServerMessage.Welcome;

class ServerCodecTest {

    static final byte[] BODY = { 0, 0 };

    static final List<ServerMessage> SAMPLES = List.of(
            new Welcome(2, 3, 65535, 30, 4, 64, true, 0xffffffffL, Long.MAX_VALUE, -1, 0xffffffffL, 0, "arena",
                    new byte[] { 1, 2, 3 }, BODY),
            new Welcome(2, 0, 0, 60, 1, 1, false, 1, 0, 0, 20_000, 6_000, "g", new byte[0], BODY),
            new State(1, 0, 0, 0, 0, 0, BODY),
            new State(0xffffffffL, 1735689600000L, 0xfffffffeL, 0xffffffffL, 65535, Integer.MIN_VALUE, BODY),
            new Pong(0xffffffffL, 1735689600000L),
            new ChatRelay(255, "héllo"),
            new Roster(List.of()),
            new Roster(List.of(new RosterEntry(0, UUID.randomUUID(), "", RosterEntry.CONNECTED),
                    new RosterEntry(7, UUID.randomUUID(), "ü".repeat(Limits.MAX_NAME_BYTES / 2), RosterEntry.DROPPED))),
            new MatchEnd(0, List.of()),
            new MatchEnd(0xffffffffL, List.of(new Result(0, Integer.MIN_VALUE, 1), new Result(1, Integer.MAX_VALUE, 255))),
            new TokenAccepted(1735690500000L),
            new GameEvent(7, 255, new byte[] { 9, 8 }), new GameEvent(0xffffffffL, 0, new byte[0]),
            new MatchStatus(MatchStatus.STARTING, 2, 1735689600000L), new MatchStatus(MatchStatus.WAITING, 1, 0));

    @Test
    void everyServerMessageRoundTrips() throws ProtocolException {
        for (ServerMessage m : SAMPLES) {
            assertEquals(m, ServerCodec.decode(ServerCodec.encode(m)), m.toString());
        }
    }

    @Test
    void stateHeaderIsWrittenAroundASharedBody() {
        byte[] shared = { 9, 9, 1, 2, 3, 9 };
        byte[] frame = ServerCodec.encodeState(new FrameWriter(), 5, 6, 4, 3, 2, 1, shared, 2, 3).toByteArray();
        assertEquals(ServerCodec.STATE_HEADER_BYTES + 3, frame.length);
        assertEquals("82" + "00000005" + "0000000000000006" + "00000004" + "00000003" + "0002" + "00000001" + "010203",
                HexFormat.of().formatHex(frame));
    }

    @Test
    void rttAboveSixteenBitsIsSaturated() throws ProtocolException {
        byte[] frame = ServerCodec.encode(new State(2, 0, 0, 0, 100_000, 0, BODY));
        assertEquals(65535, ((State) ServerCodec.decode(frame)).rttMs());
    }

    @Test
    void truncatedAndTrailingFramesAreMalformed() {
        for (ServerMessage m : SAMPLES) {
            byte[] frame = ServerCodec.encode(m);
            // These end in a body, a text or a payload of any length: a byte more or less is another valid frame.
            if (!(m instanceof ChatRelay) && !(m instanceof State) && !(m instanceof Welcome)
                    && !(m instanceof GameEvent)) {
                assertClose(CloseCodes.INVALID_PAYLOAD, Arrays.copyOf(frame, frame.length - 1));
                assertClose(CloseCodes.INVALID_PAYLOAD, Arrays.copyOf(frame, frame.length + 1));
            }
        }
        assertClose(CloseCodes.INVALID_PAYLOAD, Arrays.copyOf(ServerCodec.encode(SAMPLES.get(2)), 27));
    }

    @Test
    void clientTypesEmptyAndUnknownAreMalformed() {
        assertClose(CloseCodes.INVALID_PAYLOAD, new byte[0]);
        assertClose(CloseCodes.INVALID_PAYLOAD, new byte[] { 0x02, 0, 0, 0, 1 });
        assertClose(CloseCodes.INVALID_PAYLOAD, new byte[] { (byte) 0xff });
    }

    @Test
    void outOfRangeFieldsAreMalformed() {
        RosterEntry suspect = new RosterEntry(1, new UUID(1, 2), "a", RosterEntry.SUSPECT);
        byte[] roster = ServerCodec.encode(new Roster(List.of(suspect)));
        roster[roster.length - 1] = 3;
        assertClose(CloseCodes.INVALID_PAYLOAD, roster);

        byte[] twoSeats = ServerCodec.encode(new Roster(List.of(suspect, new RosterEntry(2, new UUID(3, 4), "b", 0))));
        twoSeats[2] = 2; // first seat now equals the second: seats must ascend
        assertClose(CloseCodes.INVALID_PAYLOAD, twoSeats);

        byte[] state = ServerCodec.encode(new State(10, 0, 9, 0, 0, 0, BODY));
        state[16] = 10; // baseline tick 10 is not before tick 10
        assertClose(CloseCodes.INVALID_PAYLOAD, state);

        byte[] welcome = ServerCodec.encode(new Welcome(2, 3, 1, 30, 4, 64, false, 1, 0, 0, 1, 1, "g", new byte[0], BODY));
        welcome[2] = 4; // seat 4 of a 4-seat room
        assertClose(CloseCodes.INVALID_PAYLOAD, welcome);
        welcome[2] = 0;
        welcome[8] = 2; // reserved flag bit
        assertClose(CloseCodes.INVALID_PAYLOAD, welcome);

        byte[] end = ServerCodec.encode(new MatchEnd(1, List.of(new Result(0, 1, 1))));
        end[end.length - 1] = 0;
        assertClose(CloseCodes.INVALID_PAYLOAD, end);
    }

    @Test
    void closeCodeTableHasEveryCodeTheServerSends() {
        for (int code : new int[] { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1011, 1012, 4000, 4001, 4002, 4003 }) {
            assertNotNull(CloseCodes.lookup(code), "close code " + code);
        }
        assertEquals(13, CloseCodes.table().length);
    }

    static void assertClose(int code, byte[] frame) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> ServerCodec.decode(frame));
        assertEquals(code, e.closeCode(), e.getMessage());
    }
}
