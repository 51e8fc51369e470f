package dev.quarkade.transport;

/**
 * A token bucket per connection: {@code rate} messages per second on average, bursts up to {@code burst}. Called on
 * the connection's event loop only, so it needs no synchronization.
 */
final class MessageRateLimiter {

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long refilledAt;

    MessageRateLimiter(int perSecond, int burst, long nowNanos) {
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
}
