package dev.quarkade.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Locks a username after {@code quarkade.auth.max-failed-logins} failures within
 * {@code quarkade.auth.lockout-window}, for known and unknown usernames alike (so the lock reveals nothing).
 *
 * <p>
 * State is in memory on this node: a restart forgets it and each node of a cluster counts on its own. That bounds
 * online guessing to max-failed-logins × nodes per window, which bcrypt already makes slow; a shared store can
 * replace this class without changing its callers.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final int PRUNE_ABOVE = 10_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final Duration window;

    LoginThrottle(AuthConfig config) {
        this.maxFailures = config.maxFailedLogins();
        this.window = config.lockoutWindow();
    }

    /** How long until this username may try again, if it is locked now. */
    public Optional<Duration> lockedFor(String username) {
        Deque<Instant> recent = failures.get(key(username));
        if (recent == null) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        synchronized (recent) {
            dropExpired(recent, now);
            if (recent.size() < maxFailures) {
                return Optional.empty();
            }
            // Only the newest maxFailures are kept, so the lock lifts when the oldest of them leaves the window.
            return Optional.of(Duration.between(now, recent.peekFirst().plus(window)));
        }
    }

    public void recordFailure(String username) {
        Instant now = Instant.now();
        Deque<Instant> recent = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
        synchronized (recent) {
            dropExpired(recent, now);
            recent.addLast(now);
            while (recent.size() > maxFailures) {
                recent.removeFirst();
            }
        }
        if (failures.size() > PRUNE_ABOVE) {
            failures.values().removeIf(deque -> {
                synchronized (deque) {
                    dropExpired(deque, now);
                    return deque.isEmpty();
                }
            });
        }
    }

    public void reset(String username) {
        failures.remove(key(username));
    }

    private void dropExpired(Deque<Instant> recent, Instant now) {
        Instant cutoff = now.minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(cutoff)) {
            recent.removeFirst();
        }
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
