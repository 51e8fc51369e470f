package dev.quarkade.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthAndMetricsTest {

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

    @Test
    void migrationsRanAndThisStartWasRecorded() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
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
