package dev.quarkade.testsupport;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Test helper: creates players over the REST API and hands back their tokens. */
public final class Accounts {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Accounts() {
    }

    /** A player's answer from guest, register, login or refresh. */
    public record Tokens(UUID playerId, String name, String accessToken, String refreshToken, long expiresIn) {

        public static Tokens from(JsonPath json) {
            return new Tokens(UUID.fromString(json.getString("playerId")), json.getString("name"),
                    json.getString("accessToken"), json.getString("refreshToken"), json.getLong("expiresIn"));
        }
    }

    public static Tokens guest() {
        return Tokens.from(given().contentType(ContentType.JSON).body("{}")
                .post("/api/auth/guest").then().statusCode(200).extract().jsonPath());
    }

    /** A username no other test uses. */
    public static String uniqueUsername(String prefix) {
        return prefix + "_" + SEQUENCE.incrementAndGet() + "_" + Long.toString(System.nanoTime() % 100_000, 36);
    }

    public static Tokens register(String username, String password) {
        return Tokens.from(given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/auth/register").then().statusCode(201).extract().jsonPath());
    }

    /** As {@link #register(String, String)}, on the server at {@code baseUri}. */
    public static Tokens register(URI baseUri, String username, String password) {
        return Tokens.from(given().baseUri(baseUri.toString()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/auth/register").then().statusCode(201).extract().jsonPath());
    }

    public static Tokens login(String username, String password) {
        return Tokens.from(given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/auth/login").then().statusCode(200).extract().jsonPath());
    }

    public static Tokens refresh(String refreshToken) {
        return Tokens.from(given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .post("/api/auth/refresh").then().statusCode(200).extract().jsonPath());
    }

    public static void logout(String accessToken) {
        given().auth().oauth2(accessToken).post("/api/auth/logout").then().statusCode(204);
    }
}
