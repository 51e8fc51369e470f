package dev.quarkade.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.quarkade.testsupport.LocalPostgresServer;
import dev.quarkade.testsupport.PackagedApp;
import dev.quarkade.testsupport.SigningKeyFile;

/** The packaged jar on its two database paths: embedded by default, the configured server otherwise. */
class DatabasePathsIT {

    @TempDir
    Path home;

    @Test
    void embeddedDatabaseKeepsDataAcrossRestartsOfTheJar() throws Exception {
        Map<String, String> props = Map.of("quarkade.embedded-db.data-dir", home.resolve("pgdata").toString());
        try (PackagedApp first = PackagedApp.start(props, Map.of())) {
            System.out.printf("[measure] packaged jar ready in %d ms (first start, initdb included)%n",
                    first.timeToReady().toMillis());
            assertThat(first.get("/api/server")).contains("\"starts\":1");
            assertThat(first.log()).contains("database embedded PostgreSQL");
        }
        try (PackagedApp second = PackagedApp.start(props, Map.of())) {
            System.out.printf("[measure] packaged jar ready in %d ms (restart on existing data)%n",
                    second.timeToReady().toMillis());
            // The row written by the first start is still there.
            assertThat(second.get("/api/server")).contains("\"starts\":2");
        }
    }

    @Test
    void configuredDatabaseUrlIsUsedAndNothingEmbeddedStarts() throws Exception {
        Path unusedDataDir = home.resolve("must-not-exist");
        // Production shape: an external database needs a configured signing key (none is generated there).
        Path signingKey = SigningKeyFile.write(home.resolve("jwt-private.pem"));
        try (LocalPostgresServer postgres = LocalPostgresServer.start();
                PackagedApp app = PackagedApp.start(
                        Map.of("quarkade.embedded-db.data-dir", unusedDataDir.toString()),
                        Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(),
                                "QUARKUS_DATASOURCE_USERNAME", LocalPostgresServer.USER,
                                "QUARKUS_DATASOURCE_PASSWORD", LocalPostgresServer.PASSWORD,
                                "QUARKADE_JWT_SIGN_KEY_LOCATION", signingKey.toString()))) {
            assertThat(app.management("/q/health/ready").body()).contains("\"status\": \"UP\"");
            // Production serves the operational endpoints on the management interface only (issue 18.16).
            for (String operational : List.of("/q/metrics", "/q/openapi", "/q/health/ready")) {
                assertThat(app.fetch(operational).statusCode()).as("GET %s on the public port", operational)
                        .isEqualTo(404);
                assertThat(app.management(operational).statusCode()).as("GET %s on the management port", operational)
                        .isEqualTo(200);
            }
            assertThat(app.management("/q/metrics").body()).contains("quarkade_rooms");
            assertThat(app.log()).contains("database external PostgreSQL at postgresql://127.0.0.1:" + postgres.port());
            assertThat(Files.exists(unusedDataDir)).isFalse();
            assertThat(countRows(postgres, "flyway_schema_history WHERE success")).as("migrations applied").isPositive();
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(countRows(postgres, "server_starts")).isEqualTo(1));
        }
    }

    private static long countRows(LocalPostgresServer postgres, String from) throws Exception {
        try (var connection = postgres.connect();
                ResultSet rs = connection.createStatement().executeQuery("SELECT count(*) FROM " + from)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
