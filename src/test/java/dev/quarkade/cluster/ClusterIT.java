package dev.quarkade.cluster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dev.quarkade.testsupport.LocalPostgresServer;
import dev.quarkade.testsupport.PackagedApp;
import dev.quarkade.testsupport.RawWebSocket;
import dev.quarkade.testsupport.RedisServer;
import dev.quarkade.testsupport.SigningKeyFile;
import dev.quarkade.testsupport.TestPlayer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Three packaged Quarkade nodes on one machine sharing one Redis (a real redis-server), one PostgreSQL and one token
 * signing key: cluster mode end to end. Matchmaking on any node fills rooms across nodes, the last seat of a room goes
 * to exactly one of many players racing through different nodes, a connection to the wrong node is told where the
 * room is, and a node killed with SIGKILL leaves the directory within its TTL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Duration NODE_TTL = Duration.ofSeconds(2);

    @TempDir
    static Path home;

    private static LocalPostgresServer postgres;
    private static RedisServer redis;
    private static final List<PackagedApp> nodes = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        postgres = LocalPostgresServer.start();
        redis = RedisServer.start();
        Path signingKey = SigningKeyFile.write(home.resolve("jwt-private.pem"));
        nodes.add(startNode(signingKey)); // alone first: it applies the migrations
        CompletableFuture<PackagedApp> second = CompletableFuture.supplyAsync(() -> startNodeUnchecked(signingKey));
        CompletableFuture<PackagedApp> third = CompletableFuture.supplyAsync(() -> startNodeUnchecked(signingKey));
        nodes.add(second.get());
        nodes.add(third.get());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        nodes.forEach(PackagedApp::close);
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static PackagedApp startNode(Path signingKey) throws Exception {
        int port = LocalPostgresServer.freePort();
        Map<String, String> props = Map.of("quarkade.cluster.node-ttl", NODE_TTL.toMillis() + "ms",
                "quarkade.reconnect.grace", "60s", "quarkade.arena.match-duration", "600s",
                "quarkade.room.idle-timeout", "120s");
        Map<String, String> env = Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(),
                "QUARKUS_DATASOURCE_USERNAME", LocalPostgresServer.USER,
                "QUARKUS_DATASOURCE_PASSWORD", LocalPostgresServer.PASSWORD,
                "QUARKADE_JWT_SIGN_KEY_LOCATION", signingKey.toString(),
                "QUARKUS_REDIS_HOSTS", redis.url(),
                "QUARKADE_CLUSTER_PUBLIC_URL", "ws://localhost:" + port);
        return PackagedApp.startOnPort(port, props, env);
    }

    private static PackagedApp startNodeUnchecked(Path signingKey) {
        try {
            return startNode(signingKey);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI uri(int node) {
        return URI.create(nodes.get(node).baseUrl());
    }

    private static String wsBase(int node) {
        return "ws://localhost:" + uri(node).getPort();
    }

    private static URI anyNode() {
        return uri(ThreadLocalRandom.current().nextInt(nodes.size()));
    }

    private static List<Map<String, Object>> listing(int node) {
        return given().baseUri(uri(node).toString()).get("/api/rooms").then().statusCode(200).extract().jsonPath()
                .getList("$");
    }

    @Test
    @Order(1)
    void matchmakingOnAnyNodeFillsRoomsAcrossNodes() throws Exception {
        List<TestPlayer> players = IntStream.range(0, 24)
                .mapToObj(i -> TestPlayer.guest(uri(i % 3), "mm" + i)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            List<Future<Map<String, Object>>> calls = players.stream()
                    .map(p -> pool.submit(() -> p.joinOrCreateAt(anyNode()))).toList();
            List<Map<String, Object>> answers = new ArrayList<>();
            for (Future<Map<String, Object>> call : calls) {
                answers.add(call.get());
            }
            Map<String, List<Map<String, Object>>> byRoom = answers.stream()
                    .collect(Collectors.groupingBy(a -> (String) a.get("roomId")));
            assertThat(byRoom).as("24 players, rooms of 8: three full rooms").hasSize(3);
            assertThat(byRoom.values()).allSatisfy(seats -> assertThat(seats).hasSize(8));
            Set<String> bases = answers.stream().map(a -> ((String) a.get("wsUrl")).replaceAll("/ws/rooms/.*", ""))
                    .collect(Collectors.toSet());
            assertThat(bases).as("one room created on each node, the least loaded")
                    .containsExactlyInAnyOrder(wsBase(0), wsBase(1), wsBase(2));
            assertThat(answers).allSatisfy(a -> {
                assertThat((String) a.get("wsUrl")).endsWith("/ws/rooms/" + a.get("roomId"));
                assertThat(a.get("wsPath")).isEqualTo("/ws/rooms/" + a.get("roomId"));
            });

            // Every player connects straight to the node that runs their room.
            List<Future<TestPlayer>> connects = new ArrayList<>();
            for (int i = 0; i < players.size(); i++) {
                TestPlayer player = players.get(i);
                String wsUrl = (String) answers.get(i).get("wsUrl");
                connects.add(pool.submit(() -> player.connectTo(wsUrl).awaitWelcome()));
            }
            for (Future<TestPlayer> connect : connects) {
                assertThat(connect.get().mirror.welcome().resumed()).isFalse();
            }
            for (int node = 0; node < 3; node++) {
                int n = node;
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(listing(n))
                        .filteredOn(r -> byRoom.containsKey((String) r.get("roomId")))
                        .as("node %d lists the rooms of all nodes, full", n).hasSize(3)
                        .allSatisfy(r -> assertThat(r).containsEntry("players", 8).containsEntry("capacity", 8)));
            }
        } finally {
            pool.shutdownNow();
            players.forEach(TestPlayer::close);
        }
    }

    @Test
    @Order(2)
    void theLastSeatGoesToExactlyOnePlayerWhicheverNodeTheyAsk() throws Exception {
        TestPlayer owner = TestPlayer.guest(uri(0), "owner");
        String roomId = given().baseUri(uri(0).toString()).auth().oauth2(owner.accessToken)
                .contentType(ContentType.JSON).body(Map.of("game", "arena", "capacity", 2)).post("/api/rooms")
                .then().statusCode(201).extract().path("roomId");
        Map<String, Object> ownSeat = given().baseUri(uri(1).toString()).auth().oauth2(owner.accessToken)
                .post("/api/rooms/" + roomId + "/join").then().statusCode(200).extract().as(Map.class);
        assertThat(ownSeat.get("wsUrl")).isEqualTo(wsBase(0) + "/ws/rooms/" + roomId);
        owner.connectTo((String) ownSeat.get("wsUrl")).awaitWelcome();

        List<TestPlayer> racers = IntStream.range(0, 12).mapToObj(i -> TestPlayer.guest(uri(i % 3), "racer" + i))
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(racers.size());
        try {
            List<Future<Response>> calls = new ArrayList<>();
            for (int i = 0; i < racers.size(); i++) {
                TestPlayer racer = racers.get(i);
                URI node = uri(i % 3);
                calls.add(pool.submit(() -> given().baseUri(node.toString()).auth().oauth2(racer.accessToken)
                        .post("/api/rooms/" + roomId + "/join")));
            }
            List<TestPlayer> winners = new ArrayList<>();
            Map<String, Object> won = null;
            for (int i = 0; i < calls.size(); i++) {
                Response answer = calls.get(i).get();
                assertThat(answer.statusCode()).isIn(200, 409);
                if (answer.statusCode() == 200) {
                    winners.add(racers.get(i));
                    won = answer.as(Map.class);
                } else {
                    assertThat(answer.jsonPath().getString("error")).isEqualTo("room_full");
                }
            }
            assertThat(winners).as("exactly one player gets the last seat").hasSize(1);

            // A loser going straight to the owning node is refused: the seat is held for the winner, who gets in.
            TestPlayer loser = racers.stream().filter(r -> r != winners.get(0)).findFirst().orElseThrow();
            assertThat(TestPlayer.upgradeStatus(uri(0), "/ws/rooms/" + roomId,
                    Map.of("Authorization", "Bearer " + loser.accessToken))).isEqualTo(409);
            winners.get(0).connectTo((String) won.get("wsUrl")).awaitWelcome();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(listing(2))
                    .filteredOn(r -> roomId.equals(r.get("roomId"))).singleElement()
                    .satisfies(r -> assertThat(r).containsEntry("players", 2)));
            winners.get(0).close();
        } finally {
            pool.shutdownNow();
            owner.close();
        }
    }

    @Test
    @Order(3)
    void aConnectionToTheWrongNodeIsToldWhereTheRoomIs() throws Exception {
        TestPlayer player = TestPlayer.guest(uri(1), "misdirected");
        String roomId = given().baseUri(uri(0).toString()).auth().oauth2(player.accessToken)
                .contentType(ContentType.JSON).body(Map.of("game", "arena")).post("/api/rooms").then()
                .statusCode(201).extract().path("roomId");
        String wsUrl = wsBase(0) + "/ws/rooms/" + roomId;

        try (RawWebSocket wrong = RawWebSocket.connect("localhost", uri(1).getPort(), "/ws/rooms/" + roomId,
                Map.of("Authorization", "Bearer " + player.accessToken))) {
            assertThat(wrong.status()).isEqualTo(421);
            assertThat(wrong.header("X-Quarkade-Ws-Url")).isEqualTo(wsUrl);
            assertThat(wrong.header("Content-Type")).startsWith("application/json");
            Map<String, Object> body = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readValue(wrong.refusalBody(), Map.class);
            assertThat(body).containsEntry("error", "wrong_node").containsEntry("roomId", roomId)
                    .containsEntry("wsUrl", wsUrl);
        }
        Map<String, Object> where = given().baseUri(uri(2).toString()).get("/api/rooms/" + roomId).then()
                .statusCode(200).extract().as(Map.class);
        assertThat(where).containsEntry("wsUrl", wsUrl).containsEntry("players", 0);
        given().baseUri(uri(2).toString()).get("/api/rooms/nosuchroom123").then().statusCode(404)
                .body("error", org.hamcrest.Matchers.equalTo("unknown_room"));

        // Connecting where the answer points works.
        player.connectTo(wsUrl).awaitWelcome();
        player.close();
    }

    @Test
    @Order(4)
    void aKilledNodeLeavesTheDirectoryWithinItsTtl() throws Exception {
        PackagedApp victim = nodes.get(2);
        TestPlayer a = TestPlayer.guest(uri(2), "victim-a");
        TestPlayer b = TestPlayer.guest(uri(0), "victim-b");
        String roomId = given().baseUri(uri(2).toString()).auth().oauth2(a.accessToken).contentType(ContentType.JSON)
                .body(Map.of("game", "arena", "capacity", 4)).post("/api/rooms").then().statusCode(201).extract()
                .path("roomId");
        for (TestPlayer p : List.of(a, b)) {
            String wsUrl = given().baseUri(uri(0).toString()).auth().oauth2(p.accessToken)
                    .post("/api/rooms/" + roomId + "/join").then().statusCode(200).extract().path("wsUrl");
            assertThat(wsUrl).isEqualTo(wsBase(2) + "/ws/rooms/" + roomId);
            p.connectTo(wsUrl).awaitWelcome();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(listing(0))
                .filteredOn(r -> roomId.equals(r.get("roomId"))).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("players", 2)));
        String victimNode = (String) listing(0).stream().filter(r -> roomId.equals(r.get("roomId"))).findFirst()
                .orElseThrow().get("node");
        assertThat(redis.command("EXISTS", "{quarkade}:node:" + victimNode)).isEqualTo(1L);

        long killedAt = System.nanoTime();
        victim.kill();
        await().atMost(NODE_TTL.plusSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> Long.valueOf(0).equals(redis.command("EXISTS", "{quarkade}:node:" + victimNode)));
        Duration gone = Duration.ofNanos(System.nanoTime() - killedAt);
        assertThat(gone).as("node key gone within the TTL").isLessThanOrEqualTo(NODE_TTL);
        for (int node = 0; node < 2; node++) {
            assertThat(listing(node)).as("node %d no longer lists the dead node's room", node)
                    .noneMatch(r -> roomId.equals(r.get("roomId")) || victimNode.equals(r.get("node")));
        }
        // Its players, reconnecting through the directory, get the documented answer: the room is lost.
        given().baseUri(uri(0).toString()).get("/api/rooms/" + roomId).then().statusCode(404)
                .body("error", org.hamcrest.Matchers.oneOf("room_lost", "unknown_room"));
        assertThat(TestPlayer.upgradeStatus(uri(1), "/ws/rooms/" + roomId,
                Map.of("Authorization", "Bearer " + b.accessToken))).isEqualTo(404);
        // Matchmaking goes on with the nodes left.
        Map<String, Object> seat = b.joinOrCreateAt(uri(1));
        assertThat((String) seat.get("wsUrl")).doesNotStartWith(wsBase(2));
        a.close();
        b.close();
    }
}
