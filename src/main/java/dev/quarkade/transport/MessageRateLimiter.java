package dev.quarkade.transport;

/**
 * A connection's allowance: a token bucket of {@code rate} messages per second on average, bursts up to {@code burst}
 * (every message and control frame takes one), and at most one TOKEN_REFRESH per refresh interval. Called on the
 * connection's event loop only, so it needs no synchronization.
 */
final class MessageRateLimiter {

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long refilledAt;
    private final long refreshIntervalNanos;
    private long refreshedAt = Long.MIN_VALUE;

    MessageRateLimiter(int perSecond, int burst, long refreshIntervalNanos, long nowNanos) {
        this.refreshIntervalNanos = refreshIntervalNanos;
        this.ratePerNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = nowNanos;
    }

    /** Takes one token; false when the connection is over its rate. */
    boolean tryAcquire(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - refilledAt) * ratePerNano);
        refilledAt = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** Takes the refresh allowance; false when the last TOKEN_REFRESH was less than the interval ago. */
    boolean tryRefresh(long nowNanos) {
        if (refreshedAt != Long.MIN_VALUE && nowNanos - refreshedAt < refreshIntervalNanos) {
            return false;
        }
        refreshedAt = nowNanos;
        return true;
    }
}
