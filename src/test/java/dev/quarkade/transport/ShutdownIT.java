package dev.quarkade.transport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.testsupport.LocalPostgresServer;
import dev.quarkade.testsupport.PackagedApp;
import dev.quarkade.testsupport.SigningKeyFile;
import dev.quarkade.testsupport.TestPlayer;

/**
 * A graceful stop of the packaged server: during the shutdown delay readiness is DOWN and matchmaking answers 503, and
 * every player's connection is closed with 1001 before the server exits.
 */
class ShutdownIT {

    @TempDir
    Path home;

    @Test
    void gracefulShutdownClosesConnectionsWith1001() throws Exception {
        PackagedApp app = PackagedApp.start(Map.of("quarkade.embedded-db.data-dir", home.resolve("pg").toString(),
                "quarkade.jwt.key-dir", home.resolve("keys").toString()), Map.of());
        try (TestPlayer player = TestPlayer.guest(URI.create(app.baseUrl()), "leaver")) {
            player.connect(player.quickPlay());
            player.awaitWelcome();

            app.close(); // SIGTERM, then waits for the process to exit

            assertThat(player.awaitClose(Duration.ofSeconds(10))).isEqualTo(CloseCodes.GOING_AWAY);
            assertThat(player.closeReason()).isEqualTo("server shutting down");
        } finally {
            app.close();
        }
    }

    @Test
    void readinessIsDownAndMatchmakingRefusedDuringTheShutdownDelay() throws Exception {
        // An external database, as in production: the embedded one stops with the JVM's shutdown hooks, at once.
        try (LocalPostgresServer postgres = LocalPostgresServer.start();
                PackagedApp app = PackagedApp.start(Map.of("quarkus.shutdown.delay", "5s"),
                        Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(),
                                "QUARKUS_DATASOURCE_USERNAME", LocalPostgresServer.USER,
                                "QUARKUS_DATASOURCE_PASSWORD", LocalPostgresServer.PASSWORD,
                                "QUARKADE_JWT_SIGN_KEY_LOCATION",
                                SigningKeyFile.write(home.resolve("jwt-private.pem")).toString()))) {
            assertThat(app.management("/q/health/ready").statusCode()).isEqualTo(200);
            TestPlayer late = TestPlayer.guest(URI.create(app.baseUrl()), "late");

            app.terminate();

            // The HTTP server still answers during the delay: load balancers learn to send nobody new.
            HttpResponse<String> ready = await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(50))
                    .until(() -> app.management("/q/health/ready"), r -> r.statusCode() == 503);
            assertThat(ready.body()).contains("Quarkade rooms").contains("DOWN");
            given().baseUri(app.baseUrl()).auth().oauth2(late.accessToken).contentType("application/json")
                    .body(Map.of("game", "arena")).post("/api/matchmaking/join-or-create").then().statusCode(503)
                    .header("Retry-After", "1");
        }
    }
}
