package dev.quarkade.room;

import java.util.Arrays;

/**
 * Tick durations and bytes sent of one room, for the operator console: the 99th percentile of tick time over the
 * last minute and the bytes sent in the last whole second. Tick thread only; the numbers leave the room in a
 * {@link RoomReport}.
 */
final class RoomStats {

    private static final int WINDOW_SECONDS = 60;

    /** Tick times in nanoseconds, saturated at about 2.1 s: an int each, as every room keeps a minute of them. */
    private final int[] tickNanos;
    /** Room for sorting, one per ticking thread rather than one per room. */
    private static final ThreadLocal<int[]> SORTED = ThreadLocal.withInitial(() -> new int[0]);
    private int next;
    private int count;
    private long secondStartedMs = -1;
    private long bytesThisSecond;
    private long bytesLastSecond;
    private long p99Nanos;

    RoomStats(int tickRate) {
        this.tickNanos = new int[tickRate * WINDOW_SECONDS];
    }

    /** Records one tick; true when a second has passed since the last time it answered true. */
    boolean record(long nowMs, long nanos, long bytes) {
        tickNanos[next] = (int) Math.min(nanos, Integer.MAX_VALUE);
        next = (next + 1) % tickNanos.length;
        count = Math.min(count + 1, tickNanos.length);
        bytesThisSecond += bytes;
        if (secondStartedMs < 0) {
            secondStartedMs = nowMs;
            return false;
        }
        if (nowMs - secondStartedMs < 1000) {
            return false;
        }
        bytesLastSecond = bytesThisSecond * 1000 / (nowMs - secondStartedMs);
        bytesThisSecond = 0;
        secondStartedMs = nowMs;
        p99Nanos = percentile(0.99);
        return true;
    }

    /**
     * Tick time at the 99th percentile over the last minute (fewer ticks when the room is younger), as of the last whole
     * second.
     */
    long tickP99Nanos() {
        return p99Nanos;
    }

    /** Bytes sent per second, measured over the last whole second. */
    long bytesPerSecond() {
        return bytesLastSecond;
    }

    // Sorting 1800 ints once a second is a few microseconds: cheaper than a histogram worth keeping up to date.
    private long percentile(double q) {
        if (count == 0) {
            return 0;
        }
        int[] sorted = SORTED.get();
        if (sorted.length < count) {
            sorted = new int[tickNanos.length];
            SORTED.set(sorted);
        }
        System.arraycopy(tickNanos, 0, sorted, 0, count);
        Arrays.sort(sorted, 0, count);
        return sorted[(int) Math.min(count - 1, Math.ceil(q * count) - 1)];
    }
}
