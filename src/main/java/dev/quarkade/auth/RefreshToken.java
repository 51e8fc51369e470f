package dev.quarkade.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One refresh token of a session's family, known only by the SHA-256 of its value. */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken {

    /** Lower-case hex SHA-256 of the token the client holds. */
    @Id
    public String tokenHash;

    public UUID sessionId;

    public Instant issuedAt;

    public Instant expiresAt;

    /** When it was exchanged for a new pair; presenting it after that is reuse. */
    public Instant rotatedAt;
}
