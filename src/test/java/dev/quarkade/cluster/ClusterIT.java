package dev.quarkade.cluster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

import dev.quarkade.game.arena.ArenaWorld;
import dev.quarkade.testsupport.Accounts;
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
 * room is, a logout on one node closes that session's socket on another (revocations relayed over Redis pub/sub), and a node
 * killed with SIGKILL leaves the directory within its TTL while its room resumes on a surviving
 * node (cluster mode makes rooms durable), its players in their seats.
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
                "quarkade.room.idle-timeout", "120s", "quarkade.room.snapshot-interval", "500ms");
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
    void aLogoutOnOneNodeClosesThatSessionsSocketOnAnother() throws Exception {
        Accounts.Tokens account = Accounts.register(uri(0), Accounts.uniqueUsername("everywhere"), "a good password");
        TestPlayer player = TestPlayer.withToken(uri(1), account.accessToken());
        player.connectTo(wsBase(1) + "/ws/rooms/" + player.createRoom()).awaitWelcome();

        long loggedOutAt = System.nanoTime();
        given().baseUri(uri(0).toString()).auth().oauth2(account.accessToken()).post("/api/auth/logout").then()
                .statusCode(204);
        // The deadline bounds a relay that never comes; the time it took is printed for docs/reliability.md.
        assertThat(player.awaitClose(Duration.ofSeconds(10))).isEqualTo(1008);
        long closedMs = (System.nanoTime() - loggedOutAt) / 1_000_000;
        assertThat(player.closeReason()).isEqualTo("session revoked");
        System.out.printf("[measure] a logout on node 0 closed the session's socket on node 1 %d ms later%n", closedMs);
        player.close();
    }

    @Test
    @Order(5)
    void aKilledNodesRoomsLeaveTheDirectoryAndResumeOnASurvivingNode() throws Exception {
        PackagedApp victim = nodes.get(2);
        TestPlayer alice = TestPlayer.guest(uri(2), "victim-a");
        TestPlayer bob = TestPlayer.guest(uri(0), "victim-b");
        String roomId = given().baseUri(uri(2).toString()).auth().oauth2(alice.accessToken)
                .contentType(ContentType.JSON).body(Map.of("game", "arena", "capacity", 4)).post("/api/rooms").then()
                .statusCode(201).extract().path("roomId");
        for (TestPlayer p : List.of(alice, bob)) {
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

        // Alice moves; the move is in a snapshot (cluster mode made rooms durable) before the node dies.
        int seat = alice.mirror.welcome().seat();
        int entity = alice.mirror.welcome().entityId();
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.mirror.world().contains(entity));
        int direction = alice.mirror.world().get(entity, ArenaWorld.PLAYER_X) > ArenaWorld.WIDTH / 2 ? -1 : 1;
        for (int i = 0; i < 5; i++) {
            alice.move(127 * direction, 0);
        }
        alice.awaitInputsApplied(Duration.ofSeconds(10));
        long moved = alice.mirror.latestTick();
        int x = alice.mirror.world().get(entity, ArenaWorld.PLAYER_X);
        int score = alice.mirror.world().get(entity, ArenaWorld.PLAYER_SCORE);
        await().atMost(Duration.ofSeconds(10)).until(() -> storedTick(roomId) > moved);

        long killedAt = System.nanoTime();
        victim.kill();
        await().atMost(NODE_TTL.plusSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> Long.valueOf(0).equals(redis.command("EXISTS", "{quarkade}:node:" + victimNode)));
        Duration gone = Duration.ofNanos(System.nanoTime() - killedAt);
        System.out.printf("[measure] node key gone %d ms after SIGKILL (TTL %d ms)%n", gone.toMillis(),
                NODE_TTL.toMillis());
        // Within the TTL of the last renewal, which came before the kill; plus one poll and the probe's round trip.
        assertThat(gone).as("node key gone within the TTL").isLessThanOrEqualTo(NODE_TTL.plusMillis(150));
        for (int node = 0; node < 2; node++) {
            assertThat(listing(node)).as("node %d no longer lists the dead node's rooms", node)
                    .noneMatch(r -> victimNode.equals(r.get("node")));
        }

        // Both players ask the directory, on different nodes at once: exactly one node restores the room, and both
        // are told the same place.
        long asking = System.nanoTime();
        CompletableFuture<Map<String, Object>> askA = CompletableFuture.supplyAsync(() -> given()
                .baseUri(uri(0).toString()).get("/api/rooms/" + roomId).then().statusCode(200).extract().as(Map.class));
        CompletableFuture<Map<String, Object>> askB = CompletableFuture.supplyAsync(() -> given()
                .baseUri(uri(1).toString()).get("/api/rooms/" + roomId).then().statusCode(200).extract().as(Map.class));
        String wsUrl = (String) askA.get().get("wsUrl");
        assertThat(askB.get().get("wsUrl")).isEqualTo(wsUrl);
        assertThat(wsUrl).isIn(wsBase(0) + "/ws/rooms/" + roomId, wsBase(1) + "/ws/rooms/" + roomId);
        int owner = wsUrl.startsWith(wsBase(0)) ? 0 : 1;
        int other = 1 - owner;

        TestPlayer aliceAgain = alice.sameAccount();
        aliceAgain.connectTo(wsUrl).awaitWelcome();
        System.out.printf("[measure] dead node's room restored and rejoined %d ms after asking the directory%n",
                (System.nanoTime() - asking) / 1_000_000);
        assertThat(aliceAgain.mirror.welcome().resumed()).isTrue();
        assertThat(aliceAgain.mirror.welcome().seat()).isEqualTo(seat);
        assertThat(aliceAgain.mirror.welcome().entityId()).isEqualTo(entity);
        assertThat(aliceAgain.mirror.world().get(entity, ArenaWorld.PLAYER_X)).isEqualTo(x);
        assertThat(aliceAgain.mirror.world().get(entity, ArenaWorld.PLAYER_SCORE)).isGreaterThanOrEqualTo(score);

        // Bob tries the other surviving node first: told where the room is now, he resumes his seat there.
        try (RawWebSocket wrong = RawWebSocket.connect("localhost", uri(other).getPort(), "/ws/rooms/" + roomId,
                Map.of("Authorization", "Bearer " + bob.accessToken))) {
            assertThat(wrong.status()).isEqualTo(421);
            assertThat(wrong.header("X-Quarkade-Ws-Url")).isEqualTo(wsUrl);
        }
        TestPlayer bobAgain = bob.sameAccount();
        bobAgain.connectTo(wsUrl).awaitWelcome();
        assertThat(bobAgain.mirror.welcome().resumed()).isTrue();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(listing(other))
                .filteredOn(r -> roomId.equals(r.get("roomId"))).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("players", 2)
                        .containsEntry("wsUrl", wsBase(owner) + "/ws/rooms/" + roomId)));

        // Matchmaking goes on with the nodes left.
        Map<String, Object> seatElsewhere = TestPlayer.guest(uri(1), "after").joinOrCreateAt(uri(1));
        assertThat((String) seatElsewhere.get("wsUrl")).doesNotStartWith(wsBase(2));
        List.of(alice, bob, aliceAgain, bobAgain).forEach(TestPlayer::close);
    }

    private static long storedTick(String roomId) throws Exception {
        try (Connection c = postgres.connect();
                PreparedStatement query = c.prepareStatement("SELECT tick FROM room_snapshots WHERE room_id = ?")) {
            query.setString(1, roomId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        }
    }
}
