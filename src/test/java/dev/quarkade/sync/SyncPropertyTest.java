package dev.quarkade.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.quarkade.protocol.FrameWriter;
import dev.quarkade.protocol.ProtocolException;
import dev.quarkade.protocol.ServerCodec;
import dev.quarkade.protocol.ServerMessage;

/**
 * A server world evolves at random; a client that acks only some states, whose acks arrive late or not at all, and
 * which loses a share of STATE frames must still reproduce the server state at every tick it receives.
 */
class SyncPropertyTest {

    private static final int TICKS = 3000;

    @ParameterizedTest
    @ValueSource(longs = { 1, 2, 3, 42, 20250101 })
    void clientReproducesServerStateDespiteDropsAndLateAcks(long seed) throws ProtocolException {
        Random random = new Random(seed);
        int historyTicks = random.nextBoolean() ? StateHistory.DEFAULT_TICKS : 8;
        double dropRate = 0.1 + random.nextDouble() * 0.4;
        WorldState world = new WorldState(3);
        TickEncoder server = new TickEncoder(new StateHistory(historyTicks));
        ClientSync client = new ClientSync(historyTicks);
        ArrayDeque<long[]> acksInFlight = new ArrayDeque<>();
        FrameWriter frames = new FrameWriter();
        long serverSeenAck = 0;
        int received = 0;
        int deltas = 0;

        for (long tick = 1; tick <= TICKS; tick++) {
            evolve(world, random);
            server.begin(tick, world);
            while (!acksInFlight.isEmpty() && acksInFlight.peek()[0] <= tick) {
                // Acks may arrive out of order in this model; the server keeps the newest.
                serverSeenAck = Math.max(serverSeenAck, acksInFlight.poll()[1]);
            }
            long baseline = server.baselineFor(serverSeenAck);
            byte[] body = server.body(baseline);
            byte[] frame = ServerCodec.encodeState(frames.reset(), tick, 0, baseline, 0, 0, server.checksum(), body, 0,
                    body.length).toByteArray();
            if (random.nextDouble() < dropRate) {
                continue;
            }
            ServerMessage.State state = (ServerMessage.State) ServerCodec.decode(frame);
            ClientSync.Outcome outcome = client.accept(state.tick(), state.baselineTick(), state.checksum(),
                    state.body());
            assertEquals(ClientSync.Outcome.APPLIED, outcome, "seed " + seed + " tick " + tick);
            assertEquals(world, client.current(), "seed " + seed + " tick " + tick);
            received++;
            deltas += baseline == 0 ? 0 : 1;
            if (random.nextDouble() < 0.6) {
                acksInFlight.add(new long[] { tick + random.nextInt(historyTicks + 4), client.ackTick() });
            }
        }
        assertTrue(received > TICKS / 3, "received " + received);
        assertTrue(deltas > received / 2, "deltas " + deltas + " of " + received);
    }

    @ParameterizedTest
    @ValueSource(longs = { 7, 8 })
    void corruptedStateIsDetectedAndAFullSnapshotRecovers(long seed) throws ProtocolException {
        Random random = new Random(seed);
        WorldState world = new WorldState(1);
        TickEncoder server = new TickEncoder(new StateHistory());
        ClientSync client = new ClientSync(StateHistory.DEFAULT_TICKS);
        for (long tick = 1; tick <= 200; tick++) {
            evolve(world, random);
            server.begin(tick, world);
            long baseline = server.baselineFor(client.ackTick());
            byte[] body = server.body(baseline);
            if (tick == 100) {
                // A wrong checksum stands in for any server or client bug that makes the two states diverge.
                assertEquals(ClientSync.Outcome.CHECKSUM_MISMATCH,
                        client.accept(tick, baseline, server.checksum() ^ 1, body));
                assertEquals(ClientSync.Outcome.APPLIED, client.accept(tick, 0, server.checksum(), server.body(0)));
            } else {
                assertEquals(ClientSync.Outcome.APPLIED, client.accept(tick, baseline, server.checksum(), body));
            }
            assertEquals(world, client.current());
        }
        assertEquals(ClientSync.Outcome.STALE, client.accept(200, 0, server.checksum(), server.body(0)));
        assertEquals(ClientSync.Outcome.MISSING_BASELINE, client.accept(201, 5, 0, server.body(0)));
    }

    /** A few random edits per tick, biased like a game: mostly field changes, some spawns and despawns. */
    private static void evolve(WorldState w, Random r) {
        int edits = r.nextInt(6);
        for (int e = 0; e < edits; e++) {
            int op = r.nextInt(10);
            if (op < 2 || w.size() == 0) {
                int kind = 1 + r.nextInt(3);
                int[] fields = new int[kind == 3 ? r.nextInt(WorldState.MAX_FIELDS + 1) : kind * 3];
                for (int f = 0; f < fields.length; f++) {
                    fields[f] = value(r);
                }
                w.put(r.nextInt(r.nextBoolean() ? 64 : WorldState.MAX_ID + 1), kind, fields);
            } else if (op < 3) {
                w.remove(w.idAt(r.nextInt(w.size())));
            } else if (op < 9) {
                int i = r.nextInt(w.size());
                if (w.fieldCountAt(i) > 0) {
                    w.set(w.idAt(i), r.nextInt(w.fieldCountAt(i)), value(r));
                }
            } else if (w.globalCount() > 0) {
                w.setGlobal(r.nextInt(w.globalCount()), value(r));
            }
        }
    }

    private static int value(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> r.nextInt(200) - 100;
            case 1 -> r.nextInt();
            default -> r.nextInt(1 << 16);
        };
    }
}
