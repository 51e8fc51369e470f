package dev.quarkade.journey;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@link PlayerJourneyTest} against the built artifact, launched by Quarkus with the prod profile: the jar here, the
 * native executable when built with {@code -Dnative}.
 */
@QuarkusIntegrationTest
@TestProfile(PackagedArtifact.class)
class PlayerJourneyIT extends PlayerJourneyTest {
}
