package dev.quarkade.transport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.quarkade.game.arena.ArenaWorld;
import dev.quarkade.protocol.ClientMessage;
import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.protocol.Limits;
import dev.quarkade.protocol.ServerMessage;
import dev.quarkade.testsupport.TestPlayer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Real WebSocket clients against the room endpoint: play, and every way bad input is answered. */
@QuarkusTest
class RoomSocketTest {

    private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URI base;

    private final java.util.List<TestPlayer> players = new java.util.ArrayList<>();

    @AfterEach
    void disconnect() {
        players.forEach(TestPlayer::close);
    }

    @Test
    void twoPlayersInOneRoomSeeEachOthersMoves() throws Exception {
        TestPlayer alice = player("alice");
        TestPlayer bob = player("bob");
        String room = createRoom(alice, 8);
        alice.connect(room);
        bob.connect(room);
        await().atMost(Duration.ofSeconds(15)).until(() -> alice.mirror.welcome() != null
                && bob.mirror.welcome() != null && bob.mirror.world().contains(alice.mirror.welcome().entityId()));
        int aliceEntity = alice.mirror.welcome().entityId();
        int bobEntity = bob.mirror.welcome().entityId();
        int aliceStartX = bob.mirror.world().get(aliceEntity, ArenaWorld.PLAYER_X);
        int bobStartY = alice.mirror.world().get(bobEntity, ArenaWorld.PLAYER_Y);
        int steps = 10;
        int dx = aliceStartX > ArenaWorld.WIDTH / 2 ? -127 : 127;
        int dy = bobStartY > ArenaWorld.HEIGHT / 2 ? -127 : 127;
        for (int i = 0; i < steps; i++) {
            alice.move(dx, 0);
            bob.move(0, dy);
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(bob.mirror.world().get(aliceEntity, ArenaWorld.PLAYER_X))
                    .isEqualTo(aliceStartX + Integer.signum(dx) * steps * 12);
            assertThat(alice.mirror.world().get(bobEntity, ArenaWorld.PLAYER_Y))
                    .isEqualTo(bobStartY + Integer.signum(dy) * steps * 12);
            assertThat(alice.mirror.lastState().lastInputSeq()).isEqualTo(steps);
        });
        assertThat(alice.mirror.checksumMismatches()).isZero();
        assertThat(bob.mirror.checksumMismatches()).isZero();
        assertThat(alice.decodeFailure()).isNull();
        assertThat(bob.mirror.all(ServerMessage.Roster.class)).isNotEmpty();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("quarkade_rooms ", "quarkade_players ", "quarkade_room_tick_seconds_bucket",
                "quarkade_room_bytes_sent_bytes_total{room=\"" + room + "\"", "quarkade_messages_in_total",
                "quarkade_messages_out_total");
        Matcher in = Pattern.compile("(?m)^quarkade_messages_in_total(?:\\{[^}]*\\})? (\\S+)").matcher(metrics);
        assertThat(in.find()).as("quarkade_messages_in_total is exposed").isTrue();
        assertThat(Double.parseDouble(in.group(1))).as("inputs counted")
                .isGreaterThanOrEqualTo(2 * steps);
    }

    @Test
    void unknownRoomIsRefusedWith404AtTheUpgrade() throws Exception {
        TestPlayer p = player("nobody");
        assertThat(TestPlayer.upgradeStatus(base, "/ws/rooms/no-such-room",
                Map.of("Authorization", "Bearer " + p.accessToken))).isEqualTo(404);
    }

    @Test
    void fullRoomIsRefusedWith409AtTheUpgrade() throws Exception {
        TestPlayer first = player("first");
        String room = createRoom(first, 1);
        first.connect(room);
        TestPlayer second = player("second");
        assertThat(TestPlayer.upgradeStatus(base, "/ws/rooms/" + room,
                Map.of("Authorization", "Bearer " + second.accessToken))).isEqualTo(409);
    }

    @Test
    void textFrameClosesWith1003() throws Exception {
        TestPlayer p = connected("texter");
        p.sendText("hello");
        assertClosed(p, CloseCodes.UNSUPPORTED_DATA);
    }

    @Test
    void emptyFrameClosesWith1007() throws Exception {
        TestPlayer p = connected("empty");
        p.sendRaw(new byte[0]);
        assertClosed(p, CloseCodes.INVALID_PAYLOAD);
    }

    @Test
    void truncatedFrameClosesWith1007() throws Exception {
        TestPlayer p = connected("truncated");
        p.sendRaw(new byte[] { 0x01, 0x00, 0x00 });
        assertClosed(p, CloseCodes.INVALID_PAYLOAD);
    }

    @Test
    void unknownMessageTypeClosesWith1007() throws Exception {
        TestPlayer p = connected("unknown");
        p.sendRaw(new byte[] { 0x55 });
        assertClosed(p, CloseCodes.INVALID_PAYLOAD);
    }

    @Test
    void outOfRangeInputClosesWith1007() throws Exception {
        TestPlayer p = connected("cheater");
        p.send(new ClientMessage.Input(1, 0, new byte[] { (byte) -128, 0, 0 }));
        assertClosed(p, CloseCodes.INVALID_PAYLOAD);
    }

    @Test
    void messageOverTheLimitClosesWith1009() throws Exception {
        TestPlayer p = connected("big");
        byte[] big = new byte[Limits.MAX_CLIENT_FRAME + 1];
        big[0] = 0x04;
        p.sendRaw(big);
        assertClosed(p, CloseCodes.MESSAGE_TOO_BIG);
    }

    @Test
    void floodingOverTheRateLimitClosesWith1008AndOthersKeepPlaying() throws Exception {
        TestPlayer calm = player("calm");
        TestPlayer flood = player("flood");
        String room = createRoom(calm, 2);
        calm.connect(room);
        flood.connect(room);
        flood.awaitWelcome();
        for (int i = 0; i < 500; i++) {
            flood.send(new ClientMessage.Ping(i));
        }
        assertClosed(flood, CloseCodes.POLICY_VIOLATION);
        long tickAfterClose = calm.mirror.latestTick();
        await().atMost(Duration.ofSeconds(15)).until(() -> calm.mirror.latestTick() > tickAfterClose + 10);
        assertThat(calm.isClosed()).isFalse();
    }

    @Test
    void appLevelPingIsAnsweredWithPong() throws Exception {
        TestPlayer p = connected("pinger");
        p.send(new ClientMessage.Ping(4242));
        await().atMost(Duration.ofSeconds(15)).until(() -> p.mirror.all(ServerMessage.Pong.class).stream()
                .anyMatch(pong -> pong.nonce() == 4242));
    }

    /**
     * Messages sent right after the upgrade may reach websockets-next's dispatch before the endpoint has opened;
     * later ones go straight from Vert.x ({@link InboundFrames}): every one is answered, in the order sent.
     */
    @Test
    void messagesSentRightAfterTheUpgradeAreAllAnsweredInOrder() throws Exception {
        TestPlayer p = player("eager");
        p.connect(createRoom(p, 2));
        int pings = 40;
        for (int i = 1; i <= pings; i++) {
            p.send(new ClientMessage.Ping(i));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> p.mirror.all(ServerMessage.Pong.class).size() >= pings);
        assertThat(p.mirror.all(ServerMessage.Pong.class)).extracting(ServerMessage.Pong::nonce)
                .containsExactly(java.util.stream.LongStream.rangeClosed(1, pings).boxed().toArray(Long[]::new));
        assertThat(p.isClosed()).isFalse();
    }

    @Test
    void chatIsRelayedToTheRoom() throws Exception {
        TestPlayer a = player("talker");
        TestPlayer b = player("listener");
        String room = createRoom(a, 2);
        a.connect(room);
        b.connect(room);
        await().atMost(Duration.ofSeconds(15)).until(() -> a.mirror.welcome() != null && b.mirror.welcome() != null);
        a.send(new ClientMessage.Chat("gg"));
        await().atMost(Duration.ofSeconds(15)).until(() -> b.mirror.all(ServerMessage.ChatRelay.class).stream()
                .anyMatch(c -> c.text().equals("gg") && c.seat() == a.mirror.welcome().seat()));
    }

    @Test
    void roomsAreListedAndUnknownGamesRefused() {
        TestPlayer p = player("lister");
        String room = createRoom(p, 4);
        given().get("/api/rooms").then().statusCode(200)
                .body("find { it.roomId == '" + room + "' }.capacity", org.hamcrest.Matchers.equalTo(4))
                .body("find { it.roomId == '" + room + "' }.game", org.hamcrest.Matchers.equalTo("arena"));
        given().auth().oauth2(p.accessToken).contentType(ContentType.JSON).body(Map.of("game", "chess"))
                .post("/api/rooms").then().statusCode(400).body("error", org.hamcrest.Matchers.equalTo("unknown_game"));
        given().contentType(ContentType.JSON).body(Map.of("game", "arena")).post("/api/rooms").then()
                .statusCode(401);
    }

    private String createRoom(TestPlayer owner, int capacity) {
        return given().auth().oauth2(owner.accessToken).contentType(ContentType.JSON)
                .body(Map.of("game", "arena", "capacity", capacity)).post("/api/rooms").then().statusCode(201)
                .extract().path("roomId");
    }

    private TestPlayer player(String name) {
        TestPlayer p = TestPlayer.guest(base, name);
        players.add(p);
        return p;
    }

    private TestPlayer connected(String name) throws Exception {
        TestPlayer p = player(name);
        p.connect(createRoom(p, 2));
        await().atMost(Duration.ofSeconds(10)).until(() -> p.mirror.welcome() != null || p.isClosed());
        assertThat(p.isClosed()).as("closed before WELCOME: %s", p.closeReason()).isFalse();
        return p;
    }

    private static void assertClosed(TestPlayer p, int code) throws Exception {
        assertThat(p.awaitClose(CLOSE_DEADLINE)).isEqualTo(code);
        assertThat(p.closeReason()).as("every close carries a reason").isNotBlank();
        await().atMost(CLOSE_DEADLINE).untilAsserted(() -> assertThat(given().get("/q/metrics").asString())
                .contains("quarkade_connections_closed_total{code=\"" + code + "\""));
    }
}
