package dev.quarkade.auth;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.security.identity.SecurityIdentity;

/** What a verified access token says: who the player is, which session issued it, until when it is good. */
public record TokenClaims(UUID playerId, UUID sessionId, String name, Instant expiresAt, String tokenId) {

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
