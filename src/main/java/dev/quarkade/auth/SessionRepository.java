package dev.quarkade.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Stores {@link AuthSession}s. */
@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<AuthSession, UUID> {

    /** Marks a session revoked unless it already is; answers whether this call revoked it. */
    public Uni<Boolean> revoke(UUID sessionId, String reason) {
        return update("revokedAt = ?1, revokedReason = ?2 where id = ?3 and revokedAt is null",
                Instant.now(), reason, sessionId).map(rows -> rows > 0);
    }
}
