package dev.quarkade.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.quarkade.node.NodeName;
import dev.quarkade.persistence.WriteBehindQueue;
import dev.quarkade.protocol.ClientCodec;
import dev.quarkade.protocol.ClientMessage;
import dev.quarkade.protocol.MessageType;
import dev.quarkade.testsupport.RawWebSocket;
import dev.quarkade.testsupport.TestPlayer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** Real WebSockets opened and closed, read back at /api/me/connections; and the restart recovery of open rows. */
@QuarkusTest
class ConnectionAuditTest {

    private static final Duration WRITTEN = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI base;

    @Inject
    WriteBehindQueue queue;

    @Test
    void connectionClosedByTheServerIsListedWithItsCodeAndReason() throws Exception {
        try (TestPlayer player = TestPlayer.guest(base, "texter")) {
            String room = ownRoom(player);
            player.connect(room);
            await().atMost(WRITTEN).until(() -> player.mirror.welcome() != null);
            assertThat(connections(player)).singleElement().satisfies(open -> {
                assertThat(open).containsEntry("roomId", room).containsEntry("closedAt", null);
                assertThat(open.get("openedAt")).isNotNull();
            });

            player.sendText("hello");
            assertThat(player.awaitClose(WRITTEN)).isEqualTo(1003);

            await().atMost(WRITTEN).until(() -> connections(player).get(0).get("closedAt") != null);
            assertThat(connections(player).get(0)).containsEntry("roomId", room).containsEntry("closeCode", 1003)
                    .containsEntry("closeReason", "binary frames only");
        }
    }

    @Test
    void connectionClosedByTheClientIsListedNewestFirst() throws Exception {
        try (TestPlayer player = TestPlayer.guest(base, "leaver")) {
            String first = ownRoom(player);
            player.connect(first);
            await().atMost(WRITTEN).until(() -> player.mirror.welcome() != null);
            player.close(4000, "see you");
            await().atMost(WRITTEN).until(() -> !connections(player).isEmpty()
                    && connections(player).get(0).get("closedAt") != null);
            assertThat(connections(player).get(0)).containsEntry("closeCode", 4000)
                    .containsEntry("closeReason", "see you");
        }
    }

    @Test
    void aConnectionResetWithNoCloseEitherWayIsRecordedAs1006() throws Exception {
        TestPlayer player = TestPlayer.guest(base, "reset");
        RawWebSocket raw = rawConnection(player);

        raw.reset();

        assertThat(awaitClosedRow(player)).containsEntry("closeCode", 1006).containsEntry("closeReason", null);
    }

    @Test
    void aServerCloseTheClientNeverAnswersIsRecordedWithTheServersCodeAndReason() throws Exception {
        TestPlayer player = TestPlayer.guest(base, "no-answer");
        RawWebSocket raw = rawConnection(player);

        raw.send(true, RawWebSocket.BINARY, ClientCodec.encode(new ClientMessage.Leave()));
        RawWebSocket.Frame close = raw.awaitClose(10_000);
        assertThat(close).as("the server's Close").isNotNull();
        raw.close(); // a FIN, with no Close frame back

        assertThat(close.closeCode()).isEqualTo(1000);
        assertThat(awaitClosedRow(player)).containsEntry("closeCode", 1000)
                .containsEntry("closeReason", close.closeReason());
    }

    @Test
    void aServerCloseEchoedWithItsCodeAloneIsRecordedWithTheServersReason() throws Exception {
        TestPlayer player = TestPlayer.guest(base, "echo");
        RawWebSocket raw = rawConnection(player);

        raw.send(true, RawWebSocket.TEXT, "hello".getBytes(StandardCharsets.UTF_8));
        RawWebSocket.Frame close = raw.awaitClose(10_000);
        assertThat(close.closeCode()).isEqualTo(1003);
        raw.send(true, RawWebSocket.CLOSE, new byte[] { 0x03, (byte) 0xEB }); // 1003, as a browser echoes it
        raw.close();

        assertThat(awaitClosedRow(player)).containsEntry("closeCode", 1003)
                .containsEntry("closeReason", "binary frames only");
    }

    @Test
    void aClientCloseWithoutACodeIsRecordedAs1005() throws Exception {
        TestPlayer player = TestPlayer.guest(base, "no-code");
        RawWebSocket raw = rawConnection(player);

        raw.send(true, RawWebSocket.CLOSE, new byte[0]);
        assertThat(raw.awaitClose(10_000)).as("the server's echo").isNotNull();
        raw.close();

        assertThat(awaitClosedRow(player)).containsEntry("closeCode", 1005).containsEntry("closeReason", null);
    }

    @Test
    void connectionsNeedATokenAndValidPaging() {
        given().baseUri(base.toString()).get("/api/me/connections").then().statusCode(401)
                .body("error", equalTo("unauthorized"));
        TestPlayer player = TestPlayer.guest(base, "pager");
        given().baseUri(base.toString()).auth().oauth2(player.accessToken).get("/api/me/connections?size=101")
                .then().statusCode(400).body("error", equalTo("invalid_size"));
        given().baseUri(base.toString()).auth().oauth2(player.accessToken).get("/api/me/connections?page=-2")
                .then().statusCode(400).body("error", equalTo("invalid_page"));
    }

    @Test
    void connectionsLeftOpenByAPreviousProcessAreClosedAsServerLostAtStart() throws Throwable {
        TestPlayer player = TestPlayer.guest(base, "crashed");
        Instant restart = Instant.now();
        var lost = new ConnectionWrites.Opened(UUID.randomUUID(), player.playerId, "room-lost", NodeName.get(),
                "127.0.0.1:5000", restart.minusSeconds(60));
        var current = new ConnectionWrites.Opened(UUID.randomUUID(), player.playerId, "room-now", NodeName.get(),
                "127.0.0.1:5001", restart.plusMillis(1));
        var otherNode = new ConnectionWrites.Opened(UUID.randomUUID(), player.playerId, "room-else", "other-node",
                "127.0.0.1:5002", restart.minusSeconds(60));
        queue.submit(lost);
        queue.submit(current);
        queue.submit(otherNode);
        queue.submit(new ConnectionWrites.LostOnRestart(NodeName.get(), restart)); // what the start queues
        assertThat(queue.flush(WRITTEN)).isZero();

        ConnectionEvent closed = find(lost.id());
        assertThat(closed.closeCode).isEqualTo((short) 1006);
        assertThat(closed.closeReason).isEqualTo("server lost");
        assertThat(closed.closedAt).isNotNull();
        assertThat(closed.remoteAddress).isEqualTo("127.0.0.1:5000");
        assertThat(find(current.id()).closedAt).as("opened by this process").isNull();
        assertThat(find(otherNode.id()).closedAt).as("another node's").isNull();
    }

    /**
     * A room of one's own: a closed connection keeps its seat through the reconnect grace, which must not fill the
     * matchmaking rooms other tests join.
     */
    private String ownRoom(TestPlayer player) {
        return player.createRoom(1);
    }

    /** A raw connection to a room of the player's own, past its WELCOME. */
    private RawWebSocket rawConnection(TestPlayer player) throws Exception {
        RawWebSocket raw = RawWebSocket.connect(base.getHost(), base.getPort(), "/ws/rooms/" + ownRoom(player),
                Map.of("Authorization", "Bearer " + player.accessToken));
        assertThat(raw.status()).isEqualTo(101);
        RawWebSocket.Frame first = raw.read(10_000);
        assertThat(first.payload()[0] & 0xff).as("WELCOME").isEqualTo(MessageType.WELCOME.code());
        await().atMost(WRITTEN).until(() -> !connections(player).isEmpty());
        return raw;
    }

    private Map<String, Object> awaitClosedRow(TestPlayer player) {
        await().atMost(WRITTEN).until(() -> connections(player).get(0).get("closedAt") != null);
        return connections(player).get(0);
    }

    private static ConnectionEvent find(UUID id) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> ConnectionEvent.<ConnectionEvent> findById(id)));
    }

    private List<Map<String, Object>> connections(TestPlayer player) {
        return given().baseUri(base.toString()).auth().oauth2(player.accessToken).get("/api/me/connections").then()
                .statusCode(200).extract().jsonPath().getList("$");
    }
}
