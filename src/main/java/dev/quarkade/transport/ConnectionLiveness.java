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

    ConnectionLiveness(long nowNanos) {
        this.lastPongNanos = nowNanos;
    }

    long silentFor(long nowNanos) {
        return nowNanos - lastPongNanos;
    }

    void ponged(long nowNanos) {
        lastPongNanos = nowNanos;
    }

    /** Moves to {@code next}; true if that is a change the room must hear about. */
    boolean moveTo(Liveness next) {
        if (state == next) {
            return false;
        }
        state = next;
        return true;
    }

}
