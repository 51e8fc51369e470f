package dev.quarkade.journey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Settings for a launched artifact, which runs with the prod profile: its embedded database and signing key go to a
 * throwaway directory instead of {@code ~/.quarkade}. (Its port, a free one, is set for failsafe in pom.xml.)
 */
public class PackagedArtifact implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Path home = Files.createTempDirectory("quarkade-it");
            return Map.of("quarkade.embedded-db.data-dir", home.resolve("pgdata").toString(),
                    "quarkade.jwt.key-dir", home.resolve("keys").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
