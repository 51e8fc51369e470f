package dev.quarkade.auth;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Slows down password guessing for one username from one client address, without ever locking the account's owner
 * out from anywhere else (usernames are public: a lock per username alone would be a weapon).
 *
 * <p>
 * {@code quarkade.auth.max-failed-logins} failures of a (username, address) pair are free; after that each attempt
 * must wait {@code quarkade.auth.failed-login-delay} after the last failure, doubled for each further failure, at
 * most {@code quarkade.auth.lockout-window}. A pair is forgotten one lockout window after its last failure, and a
 * success clears it. Only well-formed usernames are counted (no account can have another), and at most
 * {@code quarkade.auth.tracked-addresses} pairs are kept (the least recently used go first), so the map is bounded
 * whatever is sent; the per-address quota ({@link AuthLimits}) bounds the guesses of one address overall.
 *
 * <p>
 * State is in memory on this node: a restart forgets it and each node of a cluster counts on its own.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Failures of one pair so far and when the last one was, in {@link System#nanoTime()}. */
    private record Failures(int count, long lastAt) {
    }

    private final Cache<String, Failures> failures;
    private final int freeFailures;
    private final long firstDelayNanos;
    private final long maxDelayNanos;

    LoginThrottle(AuthConfig config) {
        this.freeFailures = config.maxFailedLogins();
        this.firstDelayNanos = config.failedLoginDelay().toNanos();
        this.maxDelayNanos = config.lockoutWindow().toNanos();
        this.failures = Caffeine.newBuilder()
                .maximumSize(config.trackedAddresses())
                .expireAfterWrite(config.lockoutWindow())
                .build();
    }

    /** How long {@code address} must wait before trying {@code username} again, if it must wait now. */
    public Optional<Duration> waitFor(String username, String address) {
        Failures recent = failures.getIfPresent(key(username, address));
        if (recent == null || recent.count < freeFailures) {
            return Optional.empty();
        }
        long wait = recent.lastAt + delayAfter(recent.count) - System.nanoTime();
        return wait > 0 ? Optional.of(Duration.ofNanos(wait)) : Optional.empty();
    }

    public void recordFailure(String username, String address) {
        long now = System.nanoTime();
        failures.asMap().merge(key(username, address), new Failures(1, now),
                (old, first) -> new Failures(old.count + 1, now));
    }

    public void reset(String username, String address) {
        failures.invalidate(key(username, address));
    }

    /** Pairs tracked now. */
    long size() {
        failures.cleanUp();
        return failures.estimatedSize();
    }

    private long delayAfter(int count) {
        // In double, so that many failures reach the cap instead of overflowing a shift.
        double delay = firstDelayNanos * Math.pow(2, count - freeFailures);
        return delay >= maxDelayNanos ? maxDelayNanos : (long) delay;
    }

    private static String key(String username, String address) {
        return username.toLowerCase(Locale.ROOT) + ' ' + address;
    }
}
