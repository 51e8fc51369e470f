package dev.quarkade.room;

import dev.quarkade.protocol.FrameWriter;
import dev.quarkade.protocol.ServerCodec;
import dev.quarkade.sync.Checksum;
import dev.quarkade.sync.StateCodec;
import dev.quarkade.sync.StateHistory;
import dev.quarkade.sync.WorldState;

/**
 * Sends one tick's state to every connected seat. The full snapshot is encoded once per tick (it also gives the
 * checksum) and each delta once per distinct baseline, then shared: per player only the 27-byte header is written.
 * Buffers are reused from tick to tick, so a steady room allocates only what the socket layer copies.
 */
final class StateBroadcaster {

    private final FrameWriter full = new FrameWriter(1024);
    private final FrameWriter frame = new FrameWriter(1024);
    /** Delta bodies of this tick, by baseline tick: a room has few distinct baselines (players ack at similar times). */
    private final long[] deltaBaselines;
    private final FrameWriter[] deltaBodies;
    private int deltaCount;
    private int checksum;
    private long bytesSent;

    StateBroadcaster(int capacity) {
        deltaBaselines = new long[capacity];
        deltaBodies = new FrameWriter[capacity];
        for (int i = 0; i < capacity; i++) {
            deltaBodies[i] = new FrameWriter(256);
        }
    }

    /** Encodes the full state of this tick; returns its checksum. Call once per tick before {@link #send}. */
    int begin(WorldState world) {
        StateCodec.encodeFull(world, full.reset());
        checksum = Checksum.of(full);
        deltaCount = 0;
        bytesSent = 0;
        return checksum;
    }

    int checksum() {
        return checksum;
    }

    /** The full snapshot body of this tick (valid until the next {@link #begin}). */
    FrameWriter fullBody() {
        return full;
    }

    /** Sends this tick's state to one seat: a delta from its acknowledged baseline, or the full state. */
    void send(Seat seat, long tick, long nowMs, WorldState world, StateHistory history) {
        WorldState baseline = seat.needsFullState ? null : history.get(seat.ackTick);
        FrameWriter body = baseline == null ? full : delta(seat.ackTick, baseline, world);
        frame.reset();
        ServerCodec.encodeState(frame, tick, nowMs, baseline == null ? 0 : seat.ackTick, seat.lastInputSeq,
                seat.channel.rttMillis(), checksum, body.array(), 0, body.size());
        sendFrame(seat.channel, frame);
        seat.needsFullState = false;
    }

    /** Sends an already encoded frame and counts its bytes. */
    void sendFrame(PlayerChannel channel, FrameWriter encoded) {
        bytesSent += encoded.size();
        channel.send(encoded.asByteBuffer());
    }

    long bytesSent() {
        return bytesSent;
    }

    private FrameWriter delta(long baselineTick, WorldState baseline, WorldState world) {
        for (int i = 0; i < deltaCount; i++) {
            if (deltaBaselines[i] == baselineTick) {
                return deltaBodies[i];
            }
        }
        int slot = deltaCount < deltaBodies.length ? deltaCount++ : deltaBodies.length - 1;
        deltaBaselines[slot] = baselineTick;
        return StateCodec.encodeDelta(baseline, world, deltaBodies[slot].reset());
    }
}
