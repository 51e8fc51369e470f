package dev.quarkade.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sessions this node knows are revoked, so their tokens are refused without a database round trip.
 *
 * <p>
 * The database stays the truth (another node may have revoked a session); this is only a fast path. An entry is
 * kept as long as an access token of that session could still be unexpired, then forgotten.
 */
@ApplicationScoped
public class RevokedSessions {

    private static final int PRUNE_ABOVE = 1_000;

    private final Map<UUID, Instant> forgetAt = new ConcurrentHashMap<>();
    private final Duration keep;

    RevokedSessions(JwtConfig config) {
        this.keep = config.accessTtl().plus(config.clockSkew());
    }

    public void add(UUID sessionId) {
        Instant now = Instant.now();
        forgetAt.put(sessionId, now.plus(keep));
        if (forgetAt.size() > PRUNE_ABOVE) {
            forgetAt.values().removeIf(until -> until.isBefore(now));
        }
    }

    public boolean contains(UUID sessionId) {
        Instant until = forgetAt.get(sessionId);
        return until != null && until.isAfter(Instant.now());
    }
}
