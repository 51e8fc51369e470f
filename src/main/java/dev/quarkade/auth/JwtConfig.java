package dev.quarkade.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings for access and refresh tokens and the keys that sign them ({@code quarkade.jwt.*}). */
@ConfigMapping(prefix = "quarkade.jwt")
public interface JwtConfig {

    /** The {@code iss} claim we put in and require. */
    @WithDefault("https://quarkade.local")
    String issuer();

    /** Lifetime of an access token. */
    @WithDefault("15M")
    Duration accessTtl();

    /** Lifetime of a refresh token, counted again from each rotation. */
    @WithDefault("30D")
    Duration refreshTtl();

    /** Tolerance for clocks that disagree when checking exp, nbf and iat. */
    @WithDefault("30S")
    Duration clockSkew();

    /** Where a generated signing key is kept when no sign-key-location is configured (dev, embedded db). */
    @WithDefault("${user.home}/.quarkade/keys")
    Path keyDir();

    /** PEM (PKCS#8) RSA private key to sign with; required in production. */
    Optional<Path> signKeyLocation();

    /** JWKS file of further public keys still accepted (keys being rotated out or in). */
    Optional<Path> verifyKeysLocation();
}
