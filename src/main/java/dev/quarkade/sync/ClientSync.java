package dev.quarkade.sync;

import dev.quarkade.protocol.FrameWriter;
import dev.quarkade.protocol.ProtocolException;

/**
 * What a client does with STATE bodies: keeps the states it received for the last N ticks, applies each delta to
 * the baseline it names, checks the checksum, and reports when it must ask for a resync. The Java reference for the
 * game client and the load generator.
 */
public final class ClientSync {

    /** What became of one received state. */
    public enum Outcome {
        /** Applied and checksum verified: acknowledge this tick. */
        APPLIED,
        /** Not newer than the current state; ignored. */
        STALE,
        /** The named baseline is not held: send RESYNC_REQUEST. */
        MISSING_BASELINE,
        /** The result does not match the server's checksum: send RESYNC_REQUEST. */
        CHECKSUM_MISMATCH
    }

    private final StateHistory received;
    private final FrameWriter scratch = new FrameWriter();
    private WorldState current;
    private long currentTick;

    /** {@code historyTicks} comes from WELCOME. */
    public ClientSync(int historyTicks) {
        received = new StateHistory(historyTicks);
    }

    /** Handles one state; a malformed body throws, the connection is then unusable. */
    public Outcome accept(long tick, long baselineTick, int checksum, byte[] body) throws ProtocolException {
        if (tick <= currentTick) {
            return Outcome.STALE;
        }
        WorldState next;
        if (baselineTick == 0) {
            next = StateCodec.decodeFull(body);
        } else {
            WorldState base = received.get(baselineTick);
            if (base == null) {
                return Outcome.MISSING_BASELINE;
            }
            next = StateCodec.applyDelta(base, body);
        }
        if (Checksum.of(next, scratch) != checksum) {
            return Outcome.CHECKSUM_MISMATCH;
        }
        received.record(tick, next);
        current = next;
        currentTick = tick;
        return Outcome.APPLIED;
    }

    /** The newest verified state, or {@code null} before the first. */
    public WorldState current() {
        return current;
    }

    /** The tick to acknowledge in INPUT or ACK; 0 before the first state. */
    public long ackTick() {
        return currentTick;
    }
}
