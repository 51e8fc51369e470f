package dev.quarkade.journey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.quarkade.testsupport.ExternalPostgresResource;
import dev.quarkade.testsupport.LocalPostgresServer;
import dev.quarkade.testsupport.SigningKeyFile;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Settings for a launched artifact, which runs with the prod profile, with a signing key under target/ instead of
 * {@code ~/.quarkade}, and one of three databases:
 * <ul>
 * <li>by default the artifact's own embedded database, throwaway (deleted when it exits): the jar's path;</li>
 * <li>with {@code -Dquarkade.it.database=external} (what {@code -Pnative} sets) a PostgreSQL this test process starts
 * from the machine's binaries ({@link ExternalPostgresResource}) and stops after: the native executable has no
 * embedded database;</li>
 * <li>with {@code -Dquarkade.it.datasource-url=postgresql://host:port/db} (plus
 * {@code -Dquarkade.it.datasource-username} and {@code -password}) that server.</li>
 * </ul>
 * (Its port, a free one, is set for failsafe in pom.xml.)
 */
public class PackagedArtifact implements QuarkusTestProfile {

    private static final boolean STARTS_ITS_DATABASE = "external".equals(System.getProperty("quarkade.it.database"));

    @Override
    public List<TestResourceEntry> testResources() {
        return STARTS_ITS_DATABASE ? List.of(new TestResourceEntry(ExternalPostgresResource.class)) : List.of();
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> settings = new HashMap<>(databaseAndKeys());
        // The artifact serves /q/* on its management interface: a free port, not 9000, since builds share machines.
        try {
            settings.put("quarkus.management.port", Integer.toString(LocalPostgresServer.freePort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return settings;
    }

    private static Map<String, String> databaseAndKeys() {
        Path keys = Path.of("target", "it-keys").toAbsolutePath();
        String url = System.getProperty("quarkade.it.datasource-url");
        if (url == null && !STARTS_ITS_DATABASE) {
            return Map.of("quarkade.embedded-db.data-dir", "temporary", "quarkade.jwt.key-dir", keys.toString());
        }
        try {
            Files.createDirectories(keys);
            Path signingKey = SigningKeyFile.write(keys.resolve("it-sign-key.pem"));
            if (url == null) {
                return Map.of("quarkade.jwt.sign-key-location", signingKey.toString());
            }
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
