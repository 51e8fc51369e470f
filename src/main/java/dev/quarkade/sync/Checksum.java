package dev.quarkade.sync;

import java.util.zip.CRC32;

import dev.quarkade.protocol.FrameWriter;

/** CRC-32 (IEEE 802.3, as in zlib and PNG) of a state's canonical full-snapshot body: what STATE frames carry. */
public final class Checksum {

    private Checksum() {
    }

    /** Checksum of {@code s}, using {@code scratch} (reset first) so the tick loop does not allocate. */
    public static int of(WorldState s, FrameWriter scratch) {
        StateCodec.encodeFull(s, scratch.reset());
        return of(scratch);
    }

    public static int of(WorldState s) {
        return of(s, new FrameWriter());
    }

    /** Checksum of bytes already written, e.g. a full snapshot body being sent anyway. */
    public static int of(FrameWriter written) {
        CRC32 crc = new CRC32();
        crc.update(written.asByteBuffer());
        return (int) crc.getValue();
    }
}
