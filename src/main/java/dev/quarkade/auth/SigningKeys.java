package dev.quarkade.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;

/**
 * The key that signs our access tokens and every public key verification accepts (it, plus keys being rotated).
 *
 * <p>
 * With {@code quarkade.jwt.sign-key-location} set the key comes from that file. Otherwise, in dev and test or on
 * the embedded database, a key is generated once into {@code quarkade.jwt.key-dir} and reused on every start so a
 * restart does not log everyone out. A production server with neither refuses to start: a key invented on one node
 * would not be trusted by the others.
 */
@Startup
@Singleton
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final KeyFiles.SigningKey signing;
    private final List<JsonWebKey> verification;
    private final String jwks;

    SigningKeys(JwtConfig config,
            @ConfigProperty(name = "quarkade.embedded-db.active", defaultValue = "false") boolean embeddedDb) {
        JwtConfig jwt = config;
        if (jwt.signKeyLocation().isPresent()) {
            signing = KeyFiles.readPrivateKey(jwt.signKeyLocation().get());
            LOG.infof("Signing tokens with key %s from %s", signing.kid(), jwt.signKeyLocation().get());
        } else if (LaunchMode.current() != LaunchMode.NORMAL || embeddedDb) {
            signing = KeyFiles.loadOrGenerate(jwt.keyDir());
            LOG.infof("Signing tokens with key %s kept in %s", signing.kid(), jwt.keyDir());
        } else {
            throw new IllegalStateException("Set quarkade.jwt.sign-key-location to the PEM private key that signs"
                    + " access tokens (see docs/auth.md); keys are generated only in dev, test and on the embedded"
                    + " database");
        }
        // Keyed by kid so a rotated-in key listed in both places appears once.
        Map<String, JsonWebKey> byKid = new LinkedHashMap<>();
        byKid.put(signing.kid(), signing.publicJwk());
        jwt.verifyKeysLocation().ifPresent(file -> {
            for (RsaJsonWebKey key : KeyFiles.readJwks(file)) {
                byKid.putIfAbsent(key.getKeyId(), key);
            }
            LOG.infof("Also accepting tokens signed by %s", byKid.keySet());
        });
        verification = List.copyOf(new ArrayList<>(byKid.values()));
        jwks = new JsonWebKeySet(verification).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** The key new tokens are signed with. */
    public KeyFiles.SigningKey signing() {
        return signing;
    }

    /** Every public key a token may be signed with, the signing key first. */
    public List<JsonWebKey> verificationKeys() {
        return verification;
    }

    /** The verification keys as a public JWKS document. */
    public String jwks() {
        return jwks;
    }
}
