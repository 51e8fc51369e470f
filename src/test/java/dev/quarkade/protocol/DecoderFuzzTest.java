package dev.quarkade.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.quarkade.sync.StateCodec;
import dev.quarkade.sync.WorldState;

/** Random and mutated frames: the decoders may reject them, but only ever with a ProtocolException. */
class DecoderFuzzTest {

    private static final int FRAMES = 60_000;

    private final List<byte[]> seeds = new ArrayList<>();
    private WorldState baseline;

    @Test
    void decodersOnlyEverThrowProtocolException() {
        for (String name : GoldenVectors.names()) {
            seeds.add(GoldenVectors.hex(name));
        }
        baseline = GoldenVectors.state(GoldenVectors.json("s2c-state-delta").get("baseline"));
        Random random = new Random(20250101L);
        int accepted = 0;
        for (int i = 0; i < FRAMES; i++) {
            byte[] frame = i % 4 == 0 ? randomFrame(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
            accepted += decodeAll(frame) ? 1 : 0;
        }
        // Mutations that keep a frame valid exist (a changed tick, a changed letter); none would mean a broken fuzzer.
        assertTrue(accepted > 0 && accepted < FRAMES, "accepted " + accepted);
    }

    private boolean decodeAll(byte[] frame) {
        boolean any = false;
        try {
            ClientCodec.decode(frame);
            any = true;
        } catch (ProtocolException expected) {
            // rejected: fine
        } catch (RuntimeException e) {
            fail("client decoder threw " + e + " on " + java.util.HexFormat.of().formatHex(frame), e);
        }
        try {
            if (ServerCodec.decode(frame) instanceof ServerMessage.State s) {
                decodeBody(s.body());
            }
            any = true;
        } catch (ProtocolException expected) {
            // rejected: fine
        } catch (RuntimeException e) {
            fail("server decoder threw " + e + " on " + java.util.HexFormat.of().formatHex(frame), e);
        }
        return any;
    }

    private void decodeBody(byte[] body) {
        try {
            StateCodec.decodeFull(body);
        } catch (ProtocolException expected) {
            // rejected: fine
        }
        try {
            StateCodec.applyDelta(baseline, body);
        } catch (ProtocolException expected) {
            // rejected: fine
        }
    }

    private static byte[] randomFrame(Random random) {
        byte[] frame = new byte[random.nextInt(80)];
        random.nextBytes(frame);
        if (frame.length > 0 && random.nextBoolean()) {
            // A known type byte gets past the first check and exercises the field decoders.
            MessageType[] types = MessageType.values();
            frame[0] = (byte) types[random.nextInt(types.length)].code();
        }
        return frame;
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] frame = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (frame.length > 0) {
                        frame[random.nextInt(frame.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> {
                    if (frame.length > 0) {
                        frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
                    }
                }
                case 2 -> frame = Arrays.copyOf(frame, random.nextInt(frame.length + 1));
                case 3 -> {
                    frame = Arrays.copyOf(frame, frame.length + 1 + random.nextInt(8));
                    frame[frame.length - 1] = (byte) random.nextInt(256);
                }
                default -> {
                    if (frame.length > 1) {
                        int at = 1 + random.nextInt(frame.length - 1);
                        frame[at] = (byte) (random.nextBoolean() ? 0xff : 0x80);
                    }
                }
            }
        }
        return frame;
    }
}
