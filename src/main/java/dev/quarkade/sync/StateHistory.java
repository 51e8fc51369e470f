package dev.quarkade.sync;

/**
 * The last N states by tick, N = {@link #DEFAULT_TICKS} unless given. Slot = tick mod N, so a state stays until a
 * state N or more ticks newer lands on its slot. The server records every tick; a client records the ticks it
 * received, and because the server only uses a baseline less than N ticks old, the client still holds it.
 */
public final class StateHistory {

    /** 64 ticks: about 2 s at 30 Hz, beyond which a full snapshot is cheaper than waiting on a stale ack. */
    public static final int DEFAULT_TICKS = 64;

    private final long[] ticks;
    private final WorldState[] states;
    private long latest;

    public StateHistory() {
        this(DEFAULT_TICKS);
    }

    public StateHistory(int capacity) {
        if (capacity < 1 || capacity > 255) {
            throw new IllegalArgumentException("history of " + capacity + " ticks; WELCOME carries it as a u8");
        }
        ticks = new long[capacity];
        states = new WorldState[capacity];
    }

    public int capacity() {
        return ticks.length;
    }

    /** Keeps a copy of {@code s} as tick {@code tick}; reuses the evicted state's arrays. Ticks start at 1. */
    public void record(long tick, WorldState s) {
        if (tick <= latest) {
            throw new IllegalArgumentException("tick " + tick + " not after " + latest);
        }
        int slot = (int) (tick % ticks.length);
        if (states[slot] == null || states[slot].globalCount() != s.globalCount()) {
            states[slot] = s.copy();
        } else {
            states[slot].copyFrom(s);
        }
        ticks[slot] = tick;
        latest = tick;
    }

    /** The state at {@code tick}, or {@code null} if never recorded or evicted. Callers must not modify it. */
    public WorldState get(long tick) {
        if (tick <= 0) {
            return null;
        }
        int slot = (int) (tick % ticks.length);
        return ticks[slot] == tick ? states[slot] : null;
    }

    public long latestTick() {
        return latest;
    }
}
