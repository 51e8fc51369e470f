package dev.quarkade.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.quarkade.testsupport.Accounts;
import dev.quarkade.testsupport.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ApiErrorsTest {

    @Test
    void invalidJsonIs400WithErrorBody() {
        given().contentType(ContentType.JSON).body("{\"username\": ").post("/api/auth/register").then()
                .statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("invalid_json")).body("message", notNullValue());
    }

    @Test
    void jsonOfTheWrongShapeIs400() {
        given().contentType(ContentType.JSON).body("{\"username\": {\"nested\": true}}").post("/api/auth/login")
                .then().statusCode(400).body("error", equalTo("invalid_json"));
    }

    @Test
    void bodyOver64KiBIs413WithErrorBody() {
        String huge = "{\"name\":\"" + "x".repeat(70 * 1024) + "\"}";
        given().contentType(ContentType.JSON).body(huge).post("/api/auth/guest").then()
                .statusCode(413).contentType(ContentType.JSON).body("error", equalTo("body_too_large"));
    }

    @Test
    void bearerEndpointWithoutTokenIs401WithErrorBodyAndChallenge() {
        given().get("/api/me").then()
                .statusCode(401).contentType(ContentType.JSON)
                .header("WWW-Authenticate", "Bearer")
                .body("error", equalTo("unauthorized"));
    }

    @Test
    void bearerEndpointWithGarbageTokenIs401WithErrorBody() {
        given().header("Authorization", "Bearer not-a-jwt").get("/api/me").then()
                .statusCode(401).body("error", equalTo("unauthorized"));
    }

    @Test
    void otherAuthorizationSchemesAreNotAccepted() {
        given().auth().preemptive().basic("someone", "password").get("/api/me").then().statusCode(401)
                .body("error", equalTo("unauthorized"));
    }

    @Test
    void aPagePastTheDepthLimitIs400OnEveryListAndTheLogStaysQuiet() {
        String token = Accounts.guest().accessToken();
        try (LogCapture log = LogCapture.start()) {
            for (String query : List.of("page=2147483647&size=100", "page=21474837&size=100", "page=101&size=100",
                    "page=10000&size=1")) {
                given().get("/api/leaderboard?game=arena&" + query).then().statusCode(400)
                        .body("error", equalTo("invalid_page"));
                given().get("/api/matches?player=" + UUID.randomUUID() + "&" + query).then().statusCode(400)
                        .body("error", equalTo("invalid_page"));
                given().auth().oauth2(token).get("/api/me/connections?" + query).then().statusCode(400)
                        .body("error", equalTo("invalid_page"));
            }
            given().get("/api/leaderboard?game=arena&page=99&size=100").then().statusCode(200);
            assertThat(log.problems()).isEmpty();
        }
    }

    @Test
    void aDuplicateJsonKeyIs400() {
        given().contentType(ContentType.JSON).body("{\"name\":\"a\",\"name\":\"b\"}").post("/api/auth/guest")
                .then().statusCode(400).body("error", equalTo("invalid_json"));
        given().contentType(ContentType.JSON).body("{\"username\":\"a\",\"username\":\"b\",\"password\":\"x\"}")
                .post("/api/auth/login").then().statusCode(400).body("error", equalTo("invalid_json"));
    }

    @Test
    void anEmptyOrNullBodyWhereOneIsNeededIs400() {
        String token = Accounts.guest().accessToken();
        try (LogCapture log = LogCapture.start()) {
            for (String path : List.of("/api/rooms", "/api/matchmaking/join-or-create")) {
                for (String body : List.of("", "null")) {
                    given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(path).then()
                            .statusCode(400).body("error", equalTo("missing_body"));
                }
                given().auth().oauth2(token).post(path).then().statusCode(anyOf(equalTo(400), equalTo(415)))
                        .body("error", notNullValue());
            }
            assertThat(log.problems()).isEmpty();
        }
    }
}
