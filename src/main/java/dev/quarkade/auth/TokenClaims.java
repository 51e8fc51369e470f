package dev.quarkade.auth;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * What a verified access token says: who the player is, which session issued it, until when it is good, and the roles
 * it grants beyond "player" (its {@code groups} claim, e.g. "admin").
 */
public record TokenClaims(UUID playerId, UUID sessionId, String name, Instant expiresAt, String tokenId,
        Set<String> roles) {

    public TokenClaims {
        roles = Set.copyOf(roles);
    }

    /** Claims without roles beyond "player": what guests and most accounts hold. */
    public TokenClaims(UUID playerId, UUID sessionId, String name, Instant expiresAt, String tokenId) {
        this(playerId, sessionId, name, expiresAt, tokenId, Set.of());
    }

    /** The SecurityIdentity attribute holding the claims of the request's token. */
    public static final String ATTRIBUTE = "quarkade.token-claims";

    /** The claims of an identity authenticated by our Bearer mechanism (any {@code @Authenticated} endpoint). */
    public static TokenClaims of(SecurityIdentity identity) {
        TokenClaims claims = identity.getAttribute(ATTRIBUTE);
        if (claims == null) {
            throw new IllegalStateException("Not authenticated with a Quarkade access token");
        }
        return claims;
    }
}
