package dev.quarkade.bench;

import dev.quarkade.protocol.FrameWriter;
import dev.quarkade.protocol.MessageType;
import dev.quarkade.protocol.ServerCodec;
import io.vertx.core.buffer.Buffer;

/**
 * Reads the tick and the server time of a STATE frame straight from its header (docs/protocol.md: type, tick u32,
 * server time u64, big-endian), without copying or decoding the frame: what the generator does for every frame of
 * the players that do not decode fully. The offsets are checked against {@link ServerCodec#encodeState} when the
 * class loads, so a change of the header fails the run at once instead of measuring garbage.
 */
final class StateHeader {

    private static final int TICK_OFFSET = 1;
    private static final int SERVER_TIME_OFFSET = 5;

    static {
        long tick = 0x01020304L;
        long time = 0x0a0b0c0d0e0fL;
        byte[] frame = ServerCodec.encodeState(new FrameWriter(64), tick, time, 1, 2, 3, 4, new byte[] { 5 }, 0, 1)
                .toByteArray();
        Buffer b = Buffer.buffer(frame);
        if (!isState(b) || tick(b) != tick || serverTimeMs(b) != time) {
            throw new IllegalStateException("the STATE header layout changed: update StateHeader");
        }
    }

    private StateHeader() {
    }

    static boolean isState(Buffer frame) {
        return frame.length() >= ServerCodec.STATE_HEADER_BYTES && frame.getUnsignedByte(0) == MessageType.STATE.code();
    }

    static long tick(Buffer frame) {
        return frame.getUnsignedInt(TICK_OFFSET);
    }

    static long serverTimeMs(Buffer frame) {
        return frame.getLong(SERVER_TIME_OFFSET);
    }
}
