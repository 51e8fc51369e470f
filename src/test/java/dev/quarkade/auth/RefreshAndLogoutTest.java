package dev.quarkade.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.quarkade.testsupport.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class RefreshAndLogoutTest {

    private static void refreshFails(String refreshToken) {
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken)).post("/api/auth/refresh")
                .then().statusCode(401).body("error", equalTo("invalid_refresh_token"));
    }

    private static void meFails(String accessToken) {
        given().auth().oauth2(accessToken).get("/api/me").then().statusCode(401)
                .body("error", equalTo("unauthorized"));
    }

    @Test
    void refreshRotatesBothTokensForTheSamePlayer() {
        Accounts.Tokens first = Accounts.guest();
        Accounts.Tokens second = Accounts.refresh(first.refreshToken());
        assertNotEquals(first.refreshToken(), second.refreshToken());
        assertNotEquals(first.accessToken(), second.accessToken());
        given().auth().oauth2(second.accessToken()).get("/api/me").then().statusCode(200)
                .body("playerId", equalTo(first.playerId().toString()));
        Accounts.Tokens third = Accounts.refresh(second.refreshToken());
        given().auth().oauth2(third.accessToken()).get("/api/me").then().statusCode(200);
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheWholeFamily() {
        Accounts.Tokens first = Accounts.guest();
        Accounts.Tokens second = Accounts.refresh(first.refreshToken());
        refreshFails(first.refreshToken());
        // The newest refresh token and every access token of the session are dead too.
        refreshFails(second.refreshToken());
        meFails(second.accessToken());
        meFails(first.accessToken());
    }

    @Test
    void unknownRefreshTokenIs401() {
        refreshFails("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    }

    @Test
    void missingRefreshTokenIs400() {
        given().contentType(ContentType.JSON).body("{}").post("/api/auth/refresh").then().statusCode(400)
                .body("error", equalTo("missing_refresh_token"));
    }

    @Test
    void logoutRevokesTheSessionItsRefreshTokenAndItsAccessTokens() {
        Accounts.Tokens tokens = Accounts.guest();
        Accounts.logout(tokens.accessToken());
        meFails(tokens.accessToken());
        refreshFails(tokens.refreshToken());
    }

    @Test
    void logoutLeavesOtherSessionsOfThePlayerAlone() {
        String username = Accounts.uniqueUsername("multi");
        Accounts.Tokens phone = Accounts.register(username, "s3cret-pass");
        Accounts.Tokens laptop = Accounts.Tokens.from(given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "s3cret-pass")).post("/api/auth/login").then()
                .statusCode(200).extract().jsonPath());
        Accounts.logout(phone.accessToken());
        given().auth().oauth2(laptop.accessToken()).get("/api/me").then().statusCode(200);
        Accounts.refresh(laptop.refreshToken());
    }

    @Test
    void logoutWithoutTokenIs401() {
        given().post("/api/auth/logout").then().statusCode(401).body("error", equalTo("unauthorized"));
    }
}
