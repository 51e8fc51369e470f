package dev.quarkade.auth;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/** Signs access tokens with the current key. */
@ApplicationScoped
public class TokenIssuer {

    /** The {@code aud} of every access token: this game service. */
    public static final String AUDIENCE = "quarkade";

    /** A signed access token and its lifetime in seconds. */
    public record AccessToken(String jwt, long expiresIn) {
    }

    private final JwtConfig config;
    private final SigningKeys keys;

    TokenIssuer(JwtConfig config, SigningKeys keys) {
        this.config = config;
        this.keys = keys;
    }

    public AccessToken issue(UUID playerId, UUID sessionId, String name) {
        return issue(playerId, sessionId, name, Set.of());
    }

    /** An access token whose {@code groups} claim carries {@code roles} (none: no claim). */
    public AccessToken issue(UUID playerId, UUID sessionId, String name, Set<String> roles) {
        Instant now = Instant.now();
        long ttl = config.accessTtl().toSeconds();
        KeyFiles.SigningKey key = keys.signing();
        var claims = Jwt.claims();
        if (!roles.isEmpty()) {
            claims.groups(roles);
        }
        String jwt = claims
                .issuer(config.issuer())
                .audience(AUDIENCE)
                .subject(playerId.toString())
                .claim("sid", sessionId.toString())
                .claim("name", name)
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(ttl))
                .jws().keyId(key.kid()).algorithm(SignatureAlgorithm.RS256)
                .sign(key.privateKey());
        return new AccessToken(jwt, ttl);
    }
}
