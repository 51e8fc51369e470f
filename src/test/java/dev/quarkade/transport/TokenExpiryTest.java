package dev.quarkade.transport;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import dev.quarkade.auth.InvalidTokenException;
import dev.quarkade.auth.SigningKeys;
import dev.quarkade.auth.TokenClaims;
import dev.quarkade.auth.TokenVerifier;
import dev.quarkade.protocol.ClientCodec;
import dev.quarkade.protocol.ClientMessage;
import dev.quarkade.protocol.ProtocolException;
import dev.quarkade.protocol.ServerCodec;
import dev.quarkade.protocol.ServerMessage;
import dev.quarkade.testsupport.Accounts;
import dev.quarkade.testsupport.Forgery;
import dev.quarkade.testsupport.UpgradeTestBase;
import dev.quarkade.testsupport.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.buffer.Buffer;

@QuarkusTest
@TestProfile(ShortLivedTokens.class)
class TokenExpiryTest extends UpgradeTestBase {

    @Inject
    TokenVerifier verifier;

    @Inject
    SigningKeys keys;

    @Test
    void connectionIsClosedWith1008WhenItsAccessTokenExpires() {
        Accounts.Tokens player = Accounts.guest();
        assertEquals(2, player.expiresIn());
        try (WsClient ws = WsClient.withBearer(vertx, roomPath, player.accessToken())) {
            assertEquals(101, ws.status());
            WsClient.Closed closed = ws.awaitClose(Duration.ofSeconds(10));
            assertEquals((short) 1008, closed.code());
            assertEquals("token expired", closed.reason());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> openConnections.ofPlayer(player.playerId()), hasSize(0));
    }

    @Test
    void freshTokenVerifiedForTheConnectionExtendsItPastTheOldExpiry() throws Throwable {
        Accounts.Tokens player = Accounts.guest();
        // A fresh token lasting a minute, as a client would get from /api/auth/refresh with a longer TTL.
        String fresh = lastingAMinute(player.accessToken());
        try (WsClient ws = WsClient.withBearer(vertx, roomPath, player.accessToken())) {
            assertEquals(101, ws.status());
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> openConnections.ofPlayer(player.playerId()), hasSize(1));
            String connectionId = openConnections.ofPlayer(player.playerId()).get(0);

            TokenClaims claims = VertxContextSupport.subscribeAndAwait(
                    () -> verifier.verifyForConnection(fresh, player.playerId()));
            assertTrue(openConnections.extend(connectionId, claims));

            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> !ws.isClosed());
        }
    }

    /** The in-band way: TOKEN_REFRESH on the socket (its session is looked up on the database) answers TOKEN_ACCEPTED. */
    @Test
    void tokenRefreshSentOnTheSocketIsAcceptedAndExtendsTheConnection() {
        Accounts.Tokens player = Accounts.guest();
        NumericDate expiry = NumericDate.fromSeconds(NumericDate.now().getValue() + 60);
        String fresh = new Forgery(keys).signedByUs(player.accessToken(),
                claims -> claims.setExpirationTime(expiry));
        try (WsClient ws = WsClient.withBearer(vertx, roomPath, player.accessToken())) {
            assertEquals(101, ws.status());
            List<ServerMessage> received = new CopyOnWriteArrayList<>();
            ws.socket().binaryMessageHandler(frame -> {
                try {
                    received.add(ServerCodec.decode(frame.getBytes()));
                } catch (ProtocolException e) {
                    throw new AssertionError("the server sent a frame the client cannot decode", e);
                }
            });
            ws.socket().writeBinaryMessage(Buffer.buffer(ClientCodec.encode(new ClientMessage.TokenRefresh(fresh))));
            await().atMost(Duration.ofSeconds(10)).until(() -> received.stream()
                    .anyMatch(m -> m instanceof ServerMessage.TokenAccepted accepted
                            && accepted.expiresAtMs() == expiry.getValueInMillis()));
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> !ws.isClosed());
        }
    }

    @Test
    void tokenRefreshOfAnotherPlayerOnTheSocketClosesWith1008() {
        Accounts.Tokens player = Accounts.guest();
        Accounts.Tokens other = Accounts.guest();
        try (WsClient ws = WsClient.withBearer(vertx, roomPath, lastingAMinute(player.accessToken()))) {
            assertEquals(101, ws.status());
            ws.socket().writeBinaryMessage(Buffer.buffer(ClientCodec.encode(
                    new ClientMessage.TokenRefresh(lastingAMinute(other.accessToken())))));
            WsClient.Closed closed = ws.awaitClose(Duration.ofSeconds(10));
            assertEquals((short) 1008, closed.code());
            assertEquals("token refused", closed.reason());
        }
    }

    @Test
    void aSecondTokenRefreshWithinTheIntervalClosesWith1008() {
        String token = lastingAMinute(Accounts.guest().accessToken());
        try (WsClient ws = WsClient.withBearer(vertx, roomPath, token)) {
            assertEquals(101, ws.status());
            byte[] refresh = ClientCodec.encode(new ClientMessage.TokenRefresh(token));
            // The default interval (10 s) is far longer than two writes in a row take, even on a loaded machine.
            ws.socket().writeBinaryMessage(Buffer.buffer(refresh));
            ws.socket().writeBinaryMessage(Buffer.buffer(refresh));
            WsClient.Closed closed = ws.awaitClose(Duration.ofSeconds(10));
            assertEquals((short) 1008, closed.code());
            assertEquals("token refresh too often", closed.reason());
        }
    }

    @Test
    void tokenOfAnotherPlayerCannotExtendAConnection() {
        Accounts.Tokens player = Accounts.guest();
        Accounts.Tokens other = Accounts.guest();
        assertThrows(InvalidTokenException.class, () -> VertxContextSupport.subscribeAndAwait(
                () -> verifier.verifyForConnection(lastingAMinute(other.accessToken()), player.playerId())));
        assertThrows(InvalidTokenException.class, () -> VertxContextSupport.subscribeAndAwait(
                () -> verifier.verifyForConnection(lastingAMinute(player.accessToken()), UUID.randomUUID())));
    }

    /**
     * The token re-signed to last a minute: for tests of something other than expiry, so the profile's 2-second tokens
     * cannot lapse before they are used on a loaded machine (and the refusal checked is the one meant).
     */
    private String lastingAMinute(String token) {
        return new Forgery(keys).signedByUs(token, claims -> claims.setExpirationTime(
                NumericDate.fromSeconds(NumericDate.now().getValue() + 60)));
    }
}
