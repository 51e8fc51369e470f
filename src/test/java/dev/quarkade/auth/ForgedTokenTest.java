package dev.quarkade.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.quarkade.testsupport.Accounts;
import dev.quarkade.testsupport.Forgery;
import dev.quarkade.testsupport.UpgradeTestBase;
import dev.quarkade.testsupport.WsClient;
import io.quarkus.test.junit.QuarkusTest;

/** Every attack on the access token, each refused both on a REST endpoint and at the WebSocket upgrade. */
@QuarkusTest
class ForgedTokenTest extends UpgradeTestBase {

    @Inject
    SigningKeys keys;

    Forgery forge;
    Accounts.Tokens victim;

    @BeforeEach
    void genuinePlayer() {
        forge = new Forgery(keys);
        victim = Accounts.guest();
    }

    private void refusedOnMeAndAtUpgrade(String token) {
        given().header("Authorization", "Bearer " + token).get("/api/me").then()
                .statusCode(401).body("error", equalTo("unauthorized"));
        try (WsClient ws = WsClient.withBearer(vertx, roomPath, token)) {
            assertEquals(401, ws.status());
        }
        assertTrue(openConnections.ofPlayer(victim.playerId()).isEmpty(), "a connection was registered");
    }

    @Test
    void aTokenWeSignedOurselvesIsAcceptedSoTheForgeriesBelowAreMeaningful() {
        String token = forge.signedByUs(victim.accessToken(), claims -> claims.setClaim("name", "Re-signed"));
        given().auth().oauth2(token).get("/api/me").then().statusCode(200);
        try (WsClient ws = WsClient.withBearer(vertx, roomPath, token)) {
            assertEquals(101, ws.status());
        }
    }

    @Test
    void algNoneIsRefused() {
        refusedOnMeAndAtUpgrade(forge.algNone(victim.accessToken()));
    }

    @Test
    void hs256SignedWithOurPublicKeyIsRefused() {
        refusedOnMeAndAtUpgrade(forge.hs256WithOurPublicKey(victim.accessToken()));
    }

    @Test
    void payloadChangedUnderTheOriginalSignatureIsRefused() {
        UUID someoneElse = Accounts.guest().playerId();
        refusedOnMeAndAtUpgrade(forge.payloadChanged(victim.accessToken(),
                claims -> claims.setSubject(someoneElse.toString())));
        refusedOnMeAndAtUpgrade(forge.payloadChanged(victim.accessToken(),
                claims -> claims.setClaim("name", "Admin")));
    }

    @Test
    void strippedSignatureIsRefused() {
        refusedOnMeAndAtUpgrade(forge.signatureStripped(victim.accessToken()));
    }

    @Test
    void foreignKeyClaimingOurKidIsRefused() {
        refusedOnMeAndAtUpgrade(forge.foreignKeyWithOurKid(victim.accessToken()));
    }

    @Test
    void expiredTokenIsRefused() {
        refusedOnMeAndAtUpgrade(forge.signedByUs(victim.accessToken(), Forgery::expired));
    }

    @Test
    void notBeforeInTheFutureIsRefused() {
        refusedOnMeAndAtUpgrade(forge.signedByUs(victim.accessToken(), Forgery::notYetValid));
    }

    @Test
    void wrongIssuerIsRefused() {
        refusedOnMeAndAtUpgrade(forge.signedByUs(victim.accessToken(),
                claims -> claims.setIssuer("https://evil.example")));
    }

    @Test
    void wrongAudienceIsRefused() {
        refusedOnMeAndAtUpgrade(forge.signedByUs(victim.accessToken(),
                claims -> claims.setAudience("another-service")));
    }

    @Test
    void revokedSessionIsRefused() {
        Accounts.logout(victim.accessToken());
        refusedOnMeAndAtUpgrade(victim.accessToken());
    }

    @Test
    void tokenOnlyInTheQueryStringIsRefused() {
        String token = victim.accessToken();
        for (String parameter : List.of("access_token", "token", "jwt", "Authorization")) {
            given().queryParam(parameter, token).get("/api/me").then().statusCode(401)
                    .body("error", equalTo("unauthorized"));
            try (WsClient ws = WsClient.connect(vertx, roomPath + "?" + parameter + "=" + token, Map.of(), List.of())) {
                assertEquals(401, ws.status());
            }
        }
        assertTrue(openConnections.ofPlayer(victim.playerId()).isEmpty());
    }
}
