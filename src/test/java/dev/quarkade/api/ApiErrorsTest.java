package dev.quarkade.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

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
}
