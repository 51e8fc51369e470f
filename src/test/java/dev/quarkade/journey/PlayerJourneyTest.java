package dev.quarkade.journey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.quarkade.game.arena.ArenaWorld;
import dev.quarkade.protocol.ServerMessage.Roster;
import dev.quarkade.testsupport.Accounts;
import dev.quarkade.testsupport.Accounts.Tokens;
import dev.quarkade.testsupport.TestPlayer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A player's way through the server from the outside only (REST and WebSocket, no injected beans), so the same tests
 * run in-process here and against the packaged application in {@link PlayerJourneyIT} (the jar, or the native
 * executable with {@code -Pnative}): sign up, join, play, drop and come back, refused tokens, close codes.
 */
@QuarkusTest
class PlayerJourneyTest {

    @TestHTTPResource("/")
    URI base;

    final List<TestPlayer> open = new ArrayList<>();

    @AfterEach
    void closePlayers() {
        open.forEach(TestPlayer::close);
    }

    @Test
    void guestTokenOpensTheApiAndNothingOpensWithoutOne() throws Exception {
        TestPlayer guest = player("journey-guest");

        String me = given().baseUri(base.toString()).auth().oauth2(guest.accessToken).get("/api/me").then()
                .statusCode(200).extract().path("playerId");
        assertThat(me).isEqualTo(guest.playerId.toString());
        given().baseUri(base.toString()).get("/api/me").then().statusCode(401);
        assertThat(TestPlayer.upgradeStatus(base, "/ws/rooms/" + guest.quickPlay(), Map.of())).isEqualTo(401);
    }

    @Test
    void registeredPlayerLogsInAgainAndPlaysAsTheSameAccount() throws Exception {
        String username = Accounts.uniqueUsername("journey");
        Tokens signedUp = Accounts.register(username, "journey password 1");

        Tokens loggedIn = Accounts.login(username, "journey password 1");

        assertThat(loggedIn.playerId()).isEqualTo(signedUp.playerId());
        TestPlayer player = TestPlayer.withToken(base, loggedIn.accessToken());
        open.add(player);
        player.connect(player.quickPlay()).awaitWelcome();
        given().baseUri(base.toString()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "not the password")).post("/api/auth/login")
                .then().statusCode(401).body("error", equalTo("invalid_credentials"));
    }

    @Test
    void tokensThatAreNotOursOrWereLoggedOutOpenNoRoom() throws Exception {
        TestPlayer player = player("journey-refused");
        String path = "/ws/rooms/" + player.quickPlay();
        String[] parts = player.accessToken.split("\\.");
        String otherSignature = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertThat(TestPlayer.upgradeStatus(base, path, bearer("not-a-jwt"))).isEqualTo(401);
        assertThat(TestPlayer.upgradeStatus(base, path, bearer(otherSignature))).isEqualTo(401);
        assertThat(TestPlayer.upgradeStatus(base, path + "?access_token=" + player.accessToken, Map.of()))
                .as("a token in the URL is never read").isEqualTo(401);

        Tokens registered = Accounts.register(Accounts.uniqueUsername("journey_out"), "journey password 2");
        Accounts.logout(registered.accessToken());
        assertThat(TestPlayer.upgradeStatus(base, path, bearer(registered.accessToken())))
                .as("a logged-out session").isEqualTo(401);
    }

    @Test
    void badFramesCloseTheirConnectionWithTheirCodeAndTheRoomPlaysOn() throws Exception {
        TestPlayer stayer = player("journey-stayer");
        TestPlayer texter = player("journey-texter");
        TestPlayer garbler = player("journey-garbler");
        String room = stayer.join(stayer.createRoom());
        texter.join(room);
        garbler.join(room);
        stayer.connect(room).awaitWelcome();
        texter.connect(room).awaitWelcome();
        garbler.connect(room).awaitWelcome();

        texter.sendText("hello");
        garbler.sendRaw(new byte[] { (byte) 0xEE });

        assertThat(texter.awaitClose(Duration.ofSeconds(10))).isEqualTo(1003);
        assertThat(garbler.awaitClose(Duration.ofSeconds(10))).isEqualTo(1007);
        long tick = stayer.mirror.latestTick();
        await().atMost(Duration.ofSeconds(10)).until(() -> stayer.mirror.latestTick() > tick + 3);
        assertThat(stayer.isClosed()).isFalse();
    }

    @Test
    void twoPlayersJoinOneRoomAndSeeEachOtherMove() throws Exception {
        TestPlayer alice = player("journey-alice");
        TestPlayer bob = player("鲍勃 journey 🎮");
        String room = alice.join(alice.createRoom());
        bob.join(room);
        alice.connect(room);
        bob.connect(room);
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.mirror.welcome() != null
                && bob.mirror.welcome() != null);
        int aliceEntity = alice.mirror.welcome().entityId();
        await().atMost(Duration.ofSeconds(10)).until(() -> bob.mirror.world().contains(aliceEntity));
        int before = bob.mirror.world().get(aliceEntity, ArenaWorld.PLAYER_X);

        for (int i = 0; i < 3; i++) {
            alice.move(127, 0);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> bob.mirror.world().get(aliceEntity,
                ArenaWorld.PLAYER_X) != before);
        assertThat(alice.mirror.checksumMismatches()).isZero();
        assertThat(bob.mirror.checksumMismatches()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.mirror.all(Roster.class).stream()
                .flatMap(r -> r.seats().stream()).anyMatch(seat -> seat.name().equals("鲍勃 journey 🎮")));
    }

    @Test
    void droppedPlayerReconnectsToTheSameSeatAndPosition() throws Exception {
        TestPlayer player = player("journey-returner");
        String room = player.quickPlay();
        player.connect(room);
        player.awaitWelcome();
        int entity = player.mirror.welcome().entityId();
        player.move(0, 127);
        player.awaitInputsApplied(Duration.ofSeconds(10));
        int y = player.mirror.world().get(entity, ArenaWorld.PLAYER_Y);
        player.close();

        TestPlayer again = player.sameAccount();
        open.add(again);
        again.connect(room);

        again.awaitWelcome();
        assertThat(again.mirror.welcome().resumed()).isTrue();
        assertThat(again.mirror.welcome().seat()).isEqualTo(player.mirror.welcome().seat());
        assertThat(again.mirror.world().get(entity, ArenaWorld.PLAYER_Y)).isEqualTo(y);
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private TestPlayer player(String name) {
        TestPlayer p = TestPlayer.guest(base, name);
        open.add(p);
        return p;
    }
}
