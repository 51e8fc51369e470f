package dev.quarkade.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.quarkade.testsupport.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Password guessing and account floods from one address, against a real server behind a (simulated) trusted proxy:
 * the attacking address is slowed down or refused, the owner and everyone else at another address are not
 * (issue 18: lockout as a weapon, login throttle memory, password hashing as a CPU lever, free accounts).
 */
@QuarkusTest
@TestProfile(AuthAbuseTest.Limits.class)
class AuthAbuseTest {

    /** Small per-address limits, one hash at a time at a cost that makes two logins overlap, XFF from loopback. */
    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkade.auth.logins-per-address", "8", "quarkade.auth.guests-per-address", "3",
                    "quarkade.auth.max-concurrent-hashes", "1", "quarkade.auth.bcrypt-cost", "11",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.0/8,::1");
        }
    }

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @Inject
    LoginThrottle throttle;

    /** A documentation address (RFC 5737) no other test of this class uses. */
    private static String freshAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    private static Response login(String from, String username, String password) {
        return given().header("X-Forwarded-For", from).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password)).post("/api/auth/login");
    }

    private static String register(String from, String username, String password) {
        return given().header("X-Forwarded-For", from).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password)).post("/api/auth/register").then()
                .statusCode(201).extract().path("accessToken");
    }

    @Test
    void guessingAPasswordSlowsThatAddressDownAndTheOwnerStillLogsInFromTheirOwn() {
        String owner = freshAddress();
        String attacker = freshAddress();
        String username = Accounts.uniqueUsername("victim");
        register(owner, username, "the owner's password");
        for (int i = 0; i < 5; i++) {
            login(attacker, username, "guess " + i).then().statusCode(401);
        }
        String wait = login(attacker, username, "the owner's password").then().statusCode(429)
                .body("error", equalTo("login_locked")).extract().header("Retry-After");
        assertThat(Integer.parseInt(wait)).isBetween(1, 30);
        login(owner, username, "the owner's password").then().statusCode(200);
        login(freshAddress(), username.toUpperCase(), "the owner's password").then().statusCode(200);
    }

    @Test
    void usernamesNoAccountCanHaveAreNotRememberedHoweverLong() {
        long before = throttle.size();
        String huge = "x".repeat(60_000);
        for (int i = 0; i < 20; i++) {
            login(freshAddress(), huge + i, "guess").then().statusCode(401).body("error", equalTo("invalid_credentials"));
        }
        assertThat(throttle.size()).isEqualTo(before);
    }

    @Test
    void oneAddressGetsItsQuotaOfPasswordAttemptsAndAnotherStillLogsIn() {
        String username = Accounts.uniqueUsername("quota");
        register(freshAddress(), username, "a good password");
        String flooder = freshAddress();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(login(flooder, Accounts.uniqueUsername("nobody"), "guess").statusCode());
        }
        assertThat(statuses.subList(0, 8)).containsOnly(401);
        Response refused = login(flooder, username, "a good password");
        refused.then().statusCode(429).body("error", equalTo("too_many_attempts"));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        login(freshAddress(), username, "a good password").then().statusCode(200);
    }

    @Test
    void oneAddressCreatesItsQuotaOfGuestsAndAnotherStillSignsIn() {
        String flooder = freshAddress();
        for (int i = 0; i < 3; i++) {
            guest(flooder).then().statusCode(200);
        }
        guest(flooder).then().statusCode(429).body("error", equalTo("too_many_guests"));
        guest(freshAddress()).then().statusCode(200);
    }

    @Test
    void passwordChecksBeyondTheHashingBoundAreRefused429AtOnceAndNoneFails() {
        String username = Accounts.uniqueUsername("busy");
        register(freshAddress(), username, "a good password");
        List<CompletableFuture<Response>> logins = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String from = freshAddress();
            logins.add(CompletableFuture.supplyAsync(() -> login(from, username, "a good password")));
        }
        List<Integer> statuses = logins.stream().map(CompletableFuture::join).map(Response::statusCode).toList();
        assertThat(statuses).containsOnly(200, 429).contains(200, 429);
        Response busy = logins.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 429).findFirst()
                .orElseThrow();
        busy.then().body("error", equalTo("server_busy")).header("Retry-After", "1");
        login(freshAddress(), username, "a good password").then().statusCode(200);
    }

    private static Response guest(String from) {
        return given().header("X-Forwarded-For", from).contentType(ContentType.JSON).body("{}")
                .post("/api/auth/guest");
    }
}
