package dev.quarkade.api;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A token bucket per client address: {@code permits} requests per {@code window}, refilled evenly, so a burst of
 * {@code permits} passes and then one request per {@code window / permits}.
 *
 * <p>
 * Bounded: at most {@code maxAddresses} buckets are kept (the least recently used go first) and a bucket unused for
 * a whole window is dropped, as it would be full again anyway. Each costs about 100 bytes.
 */
public final class AddressQuota {

    private final int permits;
    private final double permitsPerNano;
    private final Cache<String, Bucket> buckets;

    public AddressQuota(int permits, Duration window, long maxAddresses) {
        if (permits < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("a quota needs at least one permit in a positive window");
        }
        this.permits = permits;
        this.permitsPerNano = permits / (double) window.toNanos();
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxAddresses)
                .expireAfterAccess(window.toNanos(), TimeUnit.NANOSECONDS)
                .build();
    }

    /** Takes a permit for {@code address}: empty when granted, else the whole seconds until one is free. */
    public OptionalLong take(String address) {
        Bucket bucket = buckets.get(address, a -> new Bucket(permits, System.nanoTime()));
        long now = System.nanoTime();
        synchronized (bucket) {
            bucket.tokens = Math.min(permits, bucket.tokens + (now - bucket.updatedAt) * permitsPerNano);
            bucket.updatedAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return OptionalLong.empty();
            }
            double nanos = (1 - bucket.tokens) / permitsPerNano;
            return OptionalLong.of(Math.max(1, (long) Math.ceil(nanos / 1e9)));
        }
    }

    /** Addresses tracked now (for tests and metrics). */
    public long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(double tokens, long updatedAt) {
            this.tokens = tokens;
            this.updatedAt = updatedAt;
        }
    }
}
