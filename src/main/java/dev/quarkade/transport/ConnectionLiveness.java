package dev.quarkade.transport;

import dev.quarkade.room.Liveness;

/**
 * The heartbeat view of one connection: when it last answered a Ping, whether it is suspect, and the payloads of the
 * last two Pings the server sent (a Pong measures an RTT only when it echoes one of them: a client cannot make up its
 * own). Written by the heartbeat timer and the Pong callback, which may run on different event loops, hence the
 * volatile fields; a stale read costs at most one interval of lateness, never a wrong drop.
 */
final class ConnectionLiveness {

    private volatile long lastPongNanos;
    private volatile Liveness state = Liveness.CONNECTED;
    private volatile long lastPingNanos = Long.MIN_VALUE;
    private volatile long previousPingNanos = Long.MIN_VALUE;

    ConnectionLiveness(long nowNanos) {
        this.lastPongNanos = nowNanos;
    }

    long silentFor(long nowNanos) {
        return nowNanos - lastPongNanos;
    }

    void ponged(long nowNanos) {
        lastPongNanos = nowNanos;
    }

    /** The server sent a Ping carrying {@code sentNanos}. */
    void pinged(long sentNanos) {
        previousPingNanos = lastPingNanos;
        lastPingNanos = sentNanos;
    }

    /** Whether {@code echoedNanos} is the payload of one of the last two Pings the server sent. */
    boolean sentPing(long echoedNanos) {
        return echoedNanos != Long.MIN_VALUE && (echoedNanos == lastPingNanos || echoedNanos == previousPingNanos);
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
