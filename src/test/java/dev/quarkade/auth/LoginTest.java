package dev.quarkade.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.quarkade.testsupport.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class LoginTest {

    private static Response login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/auth/login");
    }

    @Test
    void rightPasswordLogsInToTheSamePlayer() {
        String username = Accounts.uniqueUsername("login");
        Accounts.Tokens registered = Accounts.register(username, "s3cret-pass");
        login(username, "s3cret-pass").then().statusCode(200)
                .body("playerId", equalTo(registered.playerId().toString()))
                .body("accessToken", notNullValue()).body("refreshToken", notNullValue());
    }

    @Test
    void usernameIsMatchedRegardlessOfCase() {
        String username = Accounts.uniqueUsername("Case");
        Accounts.register(username, "s3cret-pass");
        login(username.toLowerCase(), "s3cret-pass").then().statusCode(200);
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSame401() {
        String username = Accounts.uniqueUsername("known");
        Accounts.register(username, "s3cret-pass");
        Response wrongPassword = login(username, "not-the-password");
        Response unknownUser = login(Accounts.uniqueUsername("nobody"), "not-the-password");
        wrongPassword.then().statusCode(401).body("error", equalTo("invalid_credentials"));
        unknownUser.then().statusCode(401);
        assertEquals(wrongPassword.asString(), unknownUser.asString());
    }

    @Test
    void missingCredentialsAre400() {
        given().contentType(ContentType.JSON).body("{\"username\":\"someone\"}").post("/api/auth/login").then()
                .statusCode(400).body("error", equalTo("missing_credentials"));
    }

    @Test
    void fiveFailuresLockTheUsernameWith429AndRetryAfterEvenForTheRightPassword() {
        String username = Accounts.uniqueUsername("locked");
        Accounts.register(username, "s3cret-pass");
        for (int i = 0; i < 5; i++) {
            login(username, "wrong-" + i).then().statusCode(401);
        }
        login(username, "wrong-again").then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("login_locked"));
        String retryAfter = login(username, "s3cret-pass").then().statusCode(429).extract().header("Retry-After");
        int seconds = Integer.parseInt(retryAfter);
        org.hamcrest.MatcherAssert.assertThat(seconds, lessThanOrEqualTo(15 * 60));
        org.junit.jupiter.api.Assertions.assertTrue(seconds > 0);
    }

    @Test
    void unknownUsernamesAreLockedToo() {
        String nobody = Accounts.uniqueUsername("ghost");
        for (int i = 0; i < 5; i++) {
            login(nobody, "guess-" + i).then().statusCode(401);
        }
        login(nobody, "guess-5").then().statusCode(429).header("Retry-After", notNullValue());
    }

    @Test
    void successResetsTheFailureCount() {
        String username = Accounts.uniqueUsername("reset");
        Accounts.register(username, "s3cret-pass");
        for (int i = 0; i < 4; i++) {
            login(username, "wrong-" + i).then().statusCode(401);
        }
        login(username, "s3cret-pass").then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            login(username, "wrong-" + i).then().statusCode(401);
        }
        login(username, "s3cret-pass").then().statusCode(200);
    }
}
