package dev.quarkade.transport;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.quarkade.testsupport.Accounts;
import dev.quarkade.testsupport.UpgradeTestBase;
import dev.quarkade.testsupport.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
class UpgradeAuthenticationTest extends UpgradeTestBase {

    @Test
    void bearerHeaderUpgradeRegistersTheConnectionUntilItCloses() {
        Accounts.Tokens player = Accounts.guest();
        try (WsClient ws = WsClient.withBearer(vertx, roomPath, player.accessToken())) {
            assertEquals(101, ws.status());
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> openConnections.ofPlayer(player.playerId()), hasSize(1));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> openConnections.ofPlayer(player.playerId()), hasSize(0));
    }

    /**
     * The carrier as docs/protocol.md (2) writes it and the client SDK sends it, the {@code #} as they are; and with
     * them URL-encoded too, as an older docs/auth.md wrote it.
     */
    @ParameterizedTest(name = "separators {0}")
    @ValueSource(strings = { "#", "%23" })
    void browserSubprotocolCarrierIsAcceptedAndBearerTokenCarrierIsEchoed(String separator) {
        Accounts.Tokens player = Accounts.guest();
        String carried = "quarkus-http-upgrade" + separator + "Authorization" + separator
                + URLEncoder.encode("Bearer " + player.accessToken(), StandardCharsets.UTF_8).replace("+", "%20");
        try (WsClient ws = WsClient.connect(vertx, roomPath, Map.of(), List.of("bearer-token-carrier", carried))) {
            assertEquals(101, ws.status());
            assertEquals("bearer-token-carrier", ws.socket().subProtocol());
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> openConnections.ofPlayer(player.playerId()), hasSize(1));
        }
    }

    @Test
    void upgradeWithoutTokenIs401() {
        try (WsClient ws = WsClient.connect(vertx, roomPath, Map.of(), List.of())) {
            assertEquals(401, ws.status());
        }
    }

    @Test
    void browserFromAnotherOriginIs403() {
        Accounts.Tokens player = Accounts.guest();
        try (WsClient ws = WsClient.connect(vertx, roomPath, Map.of("Authorization", "Bearer " + player.accessToken(),
                "Origin", "https://evil.example"), List.of())) {
            assertEquals(403, ws.status());
        }
        assertEquals(0, openConnections.ofPlayer(player.playerId()).size());
    }

    @Test
    void browserFromLocalhostInTestIsAllowed() {
        Accounts.Tokens player = Accounts.guest();
        try (WsClient ws = WsClient.connect(vertx, roomPath, Map.of("Authorization", "Bearer " + player.accessToken(),
                "Origin", "http://localhost:5173"), List.of())) {
            assertEquals(101, ws.status());
        }
    }

    @Test
    void nativeClientWithoutOriginIsAllowed() {
        Accounts.Tokens player = Accounts.guest();
        try (WsClient ws = WsClient.withBearer(vertx, roomPath, player.accessToken())) {
            assertEquals(101, ws.status());
        }
    }

    @Test
    void logoutClosesOpenSocketsWith1008AndLaterUpgradesAndRefreshFail() {
        Accounts.Tokens player = Accounts.guest();
        try (WsClient ws = WsClient.withBearer(vertx, roomPath, player.accessToken())) {
            assertEquals(101, ws.status());
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> openConnections.ofPlayer(player.playerId()), hasSize(1));

            Accounts.logout(player.accessToken());

            WsClient.Closed closed = ws.awaitClose(Duration.ofSeconds(5));
            assertEquals((short) 1008, closed.code());
            assertEquals("session revoked", closed.reason());
        }
        try (WsClient again = WsClient.withBearer(vertx, roomPath, player.accessToken())) {
            assertEquals(401, again.status());
        }
        RestAssured.given().contentType("application/json")
                .body(Map.of("refreshToken", player.refreshToken())).post("/api/auth/refresh")
                .then().statusCode(401).body("error", equalTo("invalid_refresh_token"));
        assertEquals(0, openConnections.ofPlayer(player.playerId()).size());
    }

    @Test
    void refreshTokenReuseAlsoClosesTheFamilysSockets() {
        Accounts.Tokens first = Accounts.guest();
        Accounts.Tokens second = Accounts.refresh(first.refreshToken());
        try (WsClient ws = WsClient.withBearer(vertx, roomPath, second.accessToken())) {
            assertEquals(101, ws.status());
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> openConnections.ofPlayer(first.playerId()), hasSize(1));
            RestAssured.given().contentType("application/json")
                    .body(Map.of("refreshToken", first.refreshToken())).post("/api/auth/refresh")
                    .then().statusCode(401);
            assertEquals((short) 1008, ws.awaitClose(Duration.ofSeconds(5)).code());
        }
    }
}
