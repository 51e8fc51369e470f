package dev.quarkade.transport;

import dev.quarkade.room.Liveness;

/**
 * The heartbeat view of one connection: when it last answered a Ping and whether it is suspect. Written by the
 * heartbeat timer and the Pong callback, which may run on different event loops, hence the volatile fields; a stale
 * read costs at most one interval of lateness, never a wrong drop.
 */
final class ConnectionLiveness {

    private volatile long lastPongNanos;
    private volatile Liveness state = Liveness.CONNECTED;
    private volatile long droppedAtNanos;

    ConnectionLiveness(long nowNanos) {
        this.lastPongNanos = nowNanos;
    }

    long silentFor(long nowNanos) {
        return nowNanos - lastPongNanos;
    }

    void ponged(long nowNanos) {
        lastPongNanos = nowNanos;
    }

    Liveness state() {
        return state;
    }

    /** Moves to {@code next}; true if that is a change the room must hear about. */
    boolean moveTo(Liveness next) {
        if (state == next) {
            return false;
        }
        if (next == Liveness.DROPPED) {
            droppedAtNanos = System.nanoTime(); // before the state, so whoever sees DROPPED sees when
        }
        state = next;
        return true;
    }

    /** When the heartbeat dropped the connection ({@link System#nanoTime()}), 0 if it has not. */
    long droppedAtNanos() {
        return droppedAtNanos;
    }

    /** When the last Pong arrived (or the connection opened), in {@link System#nanoTime()}. */
    long lastPongNanos() {
        return lastPongNanos;
    }
}
