package dev.quarkade.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A login session: the {@code sid} of its access tokens and the family of its refresh tokens. */
@Entity
@Table(name = "auth_sessions")
public class AuthSession {

    @Id
    public UUID id;

    public UUID playerId;

    public Instant createdAt;

    /** Set once, on logout or refresh-token reuse; a revoked session never comes back. */
    public Instant revokedAt;

    public String revokedReason;
}
