package dev.quarkade.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.quarkade.testsupport.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class GuestAndRegisterTest {

    @Test
    void guestWithoutNameGetsDefaultNameAndTokens() {
        given().contentType(ContentType.JSON).body("{}").post("/api/auth/guest").then()
                .statusCode(200)
                .body("name", matchesPattern("Guest-[0-9]{4}"))
                .body("playerId", matchesPattern("[0-9a-f-]{36}"))
                .body("accessToken", matchesPattern("[\\w-]+\\.[\\w-]+\\.[\\w-]+"))
                .body("refreshToken", matchesPattern("[\\w-]{43,}"))
                .body("expiresIn", equalTo(900));
    }

    @Test
    void guestWithoutBodyIsAccepted() {
        given().contentType(ContentType.JSON).post("/api/auth/guest").then().statusCode(200).body("name",
                matchesPattern("Guest-[0-9]{4}"));
    }

    @Test
    void guestKeepsAGivenPrintableName() {
        given().contentType(ContentType.JSON).body(Map.of("name", "Zoë the Brave!")).post("/api/auth/guest")
                .then().statusCode(200).body("name", equalTo("Zoë the Brave!"));
    }

    @Test
    void guestNameMustBePrintableAndAtMost24Characters() {
        for (String bad : new String[] { "", "   ", "a".repeat(25), "bell\u0007", "new\nline", "zero\u200bwidth" }) {
            given().contentType(ContentType.JSON).body(Map.of("name", bad)).post("/api/auth/guest").then()
                    .statusCode(400).body("error", equalTo("invalid_name")).body("message", notNullValue());
        }
    }

    @Test
    void namesThatRenderAsNothingAreRefusedAndNamesInAnyScriptKept() {
        for (String invisible : new String[] { "\u0301\u0301\u0301", "\u0301abc", "\u3164\u3164", "\u2800",
                "\u115F\u1160", "\u20DD" }) {
            given().contentType(ContentType.JSON).body(Map.of("name", invisible)).post("/api/auth/guest").then()
                    .statusCode(400).body("error", equalTo("invalid_name"));
        }
        for (String visible : new String[] { "小明", "Zoë", "e\u0301clair", "한국어 이름", "🎮🎮", "مرحبا" }) {
            given().contentType(ContentType.JSON).body(Map.of("name", visible)).post("/api/auth/guest").then()
                    .statusCode(200).body("name", equalTo(visible));
        }
    }

    @Test
    void meShowsTheGuest() {
        Accounts.Tokens guest = Accounts.guest();
        given().auth().oauth2(guest.accessToken()).get("/api/me").then()
                .statusCode(200)
                .body("playerId", equalTo(guest.playerId().toString()))
                .body("name", equalTo(guest.name()))
                .body("guest", equalTo(true));
    }

    @Test
    void registerAnswers201WithTokensAndMeIsNotAGuest() {
        String username = Accounts.uniqueUsername("reg");
        String access = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "correct horse")).post("/api/auth/register")
                .then().statusCode(201)
                .body("name", equalTo(username))
                .body("expiresIn", greaterThan(0))
                .body("refreshToken", notNullValue())
                .extract().path("accessToken");
        given().auth().oauth2(access).get("/api/me").then().statusCode(200).body("guest", equalTo(false))
                .body("name", equalTo(username));
    }

    @Test
    void duplicateUsernameIsRejectedWith409RegardlessOfCase() {
        String username = Accounts.uniqueUsername("dup");
        Accounts.register(username, "password-one");
        given().contentType(ContentType.JSON).body(Map.of("username", username.toUpperCase(), "password",
                "password-two")).post("/api/auth/register").then()
                .statusCode(409).body("error", equalTo("username_taken"));
    }

    @Test
    void passwordShorterThan8IsRejectedWith400() {
        given().contentType(ContentType.JSON).body(Map.of("username", Accounts.uniqueUsername("short"),
                "password", "1234567")).post("/api/auth/register").then()
                .statusCode(400).body("error", equalTo("password_too_short"));
    }

    @Test
    void passwordOver72BytesIsRejectedWith400() {
        given().contentType(ContentType.JSON).body(Map.of("username", Accounts.uniqueUsername("long"),
                "password", "p".repeat(73))).post("/api/auth/register").then()
                .statusCode(400).body("error", equalTo("password_too_long"));
    }

    @Test
    void usernameOutsideTheAllowedPatternIsRejectedWith400() {
        for (String bad : new String[] { "ab", "x".repeat(25), "has space", "dash-name", "ünï" }) {
            given().contentType(ContentType.JSON).body(Map.of("username", bad, "password", "long enough"))
                    .post("/api/auth/register").then().statusCode(400).body("error", equalTo("invalid_username"));
        }
    }
}
