package dev.quarkade.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.quarkade.testsupport.TestPlayer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthAndMetricsTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void readinessIncludesTheDatabaseAndIsUp() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsAreInPrometheusFormat() {
        given().when().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"));
    }

    /** Quarkade's own families, the ones docs/operations.md tells an operator to watch, after one player has played. */
    @Test
    void quarkadeMetricsCountRoomsPlayersFramesAndTicks() throws Exception {
        try (TestPlayer player = TestPlayer.playing(base, "metered")) {
            player.move(1, 0);
            player.awaitInputsApplied(Duration.ofSeconds(20));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
                assertThat(gauge(metrics, "quarkade_rooms")).as("open rooms").isGreaterThanOrEqualTo(1);
                assertThat(gauge(metrics, "quarkade_players")).as("seated players").isGreaterThanOrEqualTo(1);
                assertThat(gauge(metrics, "quarkade_messages_in_total")).as("frames from players")
                        .isGreaterThanOrEqualTo(1);
                assertThat(gauge(metrics, "quarkade_messages_out_total")).as("frames to players")
                        .isGreaterThanOrEqualTo(1);
                assertThat(gauge(metrics, "quarkade_room_tick_seconds_count")).as("ticks timed")
                        .isGreaterThanOrEqualTo(1);
                assertThat(metrics).contains("# TYPE quarkade_persistence_queue_size gauge");
            });
        }
    }

    /** The sum of every sample of {@code family} (all tag sets), or -1 when there is none. */
    private static double gauge(String metrics, String family) {
        return metrics.lines().filter(l -> l.startsWith(family + "{") || l.startsWith(family + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).reduce(Double::sum)
                .orElse(-1);
    }

    @Test
    void migrationsRanAndThisStartWasRecorded() {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().when().get("/api/server").then()
                        .statusCode(200)
                        .body("starts", greaterThanOrEqualTo(1)));
    }

    @Test
    void openApiDocumentIsServed() {
        given().when().get("/q/openapi?format=json").then()
                .statusCode(200)
                .body("info.title", equalTo("Quarkade API"));
    }
}
