package dev.quarkade.auth;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

import io.smallrye.mutiny.Uni;

/**
 * Decides whether an access token is ours and still good: signature by one of our keys with RS256 only, issuer,
 * audience, expiry and not-before (with {@code quarkade.jwt.clock-skew}), and a session that is not revoked.
 * Used by the Bearer mechanism, the WebSocket upgrade and in-band token refresh alike.
 */
@ApplicationScoped
public class TokenVerifier {

    private final JwtConsumer consumer;
    private final SessionService sessions;

    TokenVerifier(JwtConfig config, SigningKeys keys, SessionService sessions) {
        this.sessions = sessions;
        this.consumer = new JwtConsumerBuilder()
                // Pinning the algorithm is what defeats "alg": "none" and HS256-with-our-public-key forgeries.
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.verificationKeys()))
                .setExpectedIssuer(config.issuer())
                .setExpectedAudience(TokenIssuer.AUDIENCE)
                .setRequireSubject()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds((int) config.clockSkew().toSeconds())
                .build();
    }

    /** The token's claims, or a failure with {@link InvalidTokenException}; never blocks. */
    public Uni<TokenClaims> verify(String jwt) {
        TokenClaims claims;
        try {
            claims = parse(jwt);
        } catch (InvalidTokenException e) {
            return Uni.createFrom().failure(e);
        }
        return sessions.isActive(claims.sessionId(), claims.playerId()).map(active -> {
            if (!active) {
                throw new InvalidTokenException("session " + claims.sessionId() + " is revoked or unknown");
            }
            return claims;
        });
    }

    /**
     * Verifies a token a client sent on an open connection to extend it; it must belong to the same player the
     * connection was opened for.
     */
    public Uni<TokenClaims> verifyForConnection(String jwt, UUID expectedPlayer) {
        return verify(jwt).map(claims -> {
            if (!claims.playerId().equals(expectedPlayer)) {
                throw new InvalidTokenException("token is for another player");
            }
            return claims;
        });
    }

    private TokenClaims parse(String jwt) {
        try {
            // Signature, alg, iss, aud, exp, nbf (when present) and iat are all checked by the consumer; RSA
            // verification is cheap enough (tens of microseconds) to do on the event loop.
            JwtClaims claims = consumer.processToClaims(jwt);
            return new TokenClaims(
                    UUID.fromString(claims.getSubject()),
                    UUID.fromString(claims.getStringClaimValue("sid")),
                    claims.getStringClaimValue("name"),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()),
                    claims.getJwtId(),
                    claims.hasClaim("groups") ? Set.copyOf(claims.getStringListClaimValue("groups")) : Set.of());
        } catch (InvalidJwtException e) {
            throw new InvalidTokenException(e.getMessage());
        } catch (MalformedClaimException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidTokenException("malformed claims: " + e.getMessage());
        }
    }
}
