package dev.quarkade.sync;

import java.util.Arrays;

import dev.quarkade.protocol.FrameWriter;

/**
 * The server side of one room's sync: each tick it records the state, computes its checksum once, and encodes each
 * distinct body once, so all players who acknowledged the same baseline share the same bytes.
 */
public final class TickEncoder {

    private final StateHistory history;
    private final FrameWriter scratch = new FrameWriter(1024);
    private long tick;
    private int checksum;
    private long[] cachedBaselines = new long[8];
    private byte[][] cachedBodies = new byte[8][];
    private int cached;

    public TickEncoder(StateHistory history) {
        this.history = history;
    }

    /** Starts tick {@code tick} with the room's state after the game stepped. */
    public void begin(long tick, WorldState state) {
        history.record(tick, state);
        this.tick = tick;
        this.checksum = Checksum.of(state, scratch);
        cached = 0;
    }

    public long tick() {
        return tick;
    }

    public int checksum() {
        return checksum;
    }

    /**
     * The baseline for a player who acknowledged {@code ackTick}: that tick if still held and older than the current
     * one, else 0 (full snapshot). A player who asked for a resync passes 0.
     */
    public long baselineFor(long ackTick) {
        return ackTick > 0 && ackTick < tick && history.get(ackTick) != null ? ackTick : 0;
    }

    /** The body for {@code baselineTick} (from {@link #baselineFor}), encoded on first use this tick. */
    public byte[] body(long baselineTick) {
        for (int i = 0; i < cached; i++) {
            if (cachedBaselines[i] == baselineTick) {
                return cachedBodies[i];
            }
        }
        WorldState current = history.get(tick);
        scratch.reset();
        if (baselineTick == 0) {
            StateCodec.encodeFull(current, scratch);
        } else {
            StateCodec.encodeDelta(history.get(baselineTick), current, scratch);
        }
        byte[] body = scratch.toByteArray();
        if (cached == cachedBaselines.length) {
            cachedBaselines = Arrays.copyOf(cachedBaselines, cached * 2);
            cachedBodies = Arrays.copyOf(cachedBodies, cached * 2);
        }
        cachedBaselines[cached] = baselineTick;
        cachedBodies[cached++] = body;
        return body;
    }
}
