package dev.quarkade.journey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.quarkade.game.arena.ArenaWorld;
import dev.quarkade.testsupport.TestPlayer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A player's way through the server from the outside only (REST and WebSocket, no injected beans), so the same tests
 * run in-process here and against the packaged application in {@link PlayerJourneyIT}: sign up, join, play, drop and
 * come back.
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
    void twoPlayersJoinOneRoomAndSeeEachOtherMove() throws Exception {
        TestPlayer alice = player("journey-alice");
        TestPlayer bob = player("journey-bob");
        String room = alice.quickPlay();
        assertThat(bob.quickPlay()).as("matchmaking fills the room alice is in").isEqualTo(room);
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

    private TestPlayer player(String name) {
        TestPlayer p = TestPlayer.guest(base, name);
        open.add(p);
        return p;
    }
}
