package dev.quarkade.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.quarkade.sync.Checksum;
import dev.quarkade.sync.StateCodec;
import dev.quarkade.sync.WorldState;

class GoldenVectorTest {

    static List<String> vectors() {
        return GoldenVectors.names();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void hexDecodesToTheMessageInTheJson(String name) throws ProtocolException {
        JsonNode v = GoldenVectors.json(name);
        byte[] frame = GoldenVectors.hex(name);
        Object decoded = GoldenVectors.type(v).fromClient() ? ClientCodec.decode(frame) : ServerCodec.decode(frame);
        assertEquals(GoldenVectors.message(v), decoded);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void messageInTheJsonEncodesToTheHex(String name) {
        Object m = GoldenVectors.message(GoldenVectors.json(name));
        byte[] frame = m instanceof ClientMessage c ? ClientCodec.encode(c) : ServerCodec.encode((ServerMessage) m);
        assertEquals(HexFormat.of().formatHex(GoldenVectors.hex(name)), HexFormat.of().formatHex(frame));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void stateBodiesDescribeTheirStateAndChecksum(String name) throws ProtocolException {
        JsonNode v = GoldenVectors.json(name);
        if (!v.has("state")) {
            return;
        }
        WorldState expected = GoldenVectors.state(v.get("state"));
        Object m = GoldenVectors.message(v);
        byte[] body = m instanceof ServerMessage.State s ? s.body() : ((ServerMessage.Welcome) m).snapshot();
        int checksum = m instanceof ServerMessage.State s ? s.checksum() : ((ServerMessage.Welcome) m).checksum();
        WorldState decoded;
        byte[] encoded;
        if (v.has("baseline")) {
            WorldState baseline = GoldenVectors.state(v.get("baseline"));
            decoded = StateCodec.applyDelta(baseline, body);
            encoded = StateCodec.encodeDelta(baseline, expected, new FrameWriter()).toByteArray();
        } else {
            decoded = StateCodec.decodeFull(body);
            encoded = StateCodec.encodeFull(expected, new FrameWriter()).toByteArray();
        }
        assertEquals(expected, decoded);
        assertArrayEquals(body, encoded);
        assertEquals(checksum, Checksum.of(expected));
    }

    @Test
    void everyMessageTypeHasAVector() {
        Set<MessageType> missing = EnumSet.allOf(MessageType.class);
        for (String name : GoldenVectors.names()) {
            missing.remove(GoldenVectors.type(GoldenVectors.json(name)));
        }
        assertTrue(missing.isEmpty(), "no golden vector for " + missing);
    }

    @Test
    void thereIsADeltaVectorWithItsBaseline() {
        JsonNode delta = GoldenVectors.json("s2c-state-delta");
        assertTrue(delta.has("baseline"));
        assertFalse(delta.get("message").get("baselineTick").asLong() == 0);
    }
}
