package dev.quarkade.journey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;

import dev.quarkade.testsupport.SigningKeyFile;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Settings for a launched artifact, which runs with the prod profile. By default a throwaway embedded database
 * (deleted when it exits) and a signing key under target/, instead of {@code ~/.quarkade}. With
 * {@code -Dquarkade.it.datasource-url=postgresql://host:port/db} (plus {@code -Dquarkade.it.datasource-username} and
 * {@code -password}) it uses that database and a generated signing key: what a native executable, which has no
 * embedded database, needs. (Its port, a free one, is set for failsafe in pom.xml.)
 */
public class PackagedArtifact implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Path keys = Path.of("target", "it-keys").toAbsolutePath();
        String url = System.getProperty("quarkade.it.datasource-url");
        if (url == null) {
            return Map.of("quarkade.embedded-db.data-dir", "temporary", "quarkade.jwt.key-dir", keys.toString());
        }
        try {
            Files.createDirectories(keys);
            Path signingKey = SigningKeyFile.write(keys.resolve("it-sign-key.pem"));
            return Map.of("quarkus.datasource.reactive.url", url,
                    "quarkus.datasource.username", System.getProperty("quarkade.it.datasource-username", "postgres"),
                    "quarkus.datasource.password", System.getProperty("quarkade.it.datasource-password", "postgres"),
                    "quarkade.jwt.sign-key-location", signingKey.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
