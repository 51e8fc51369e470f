package dev.quarkade.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.quarkade.auth.PasswordHasher;
import dev.quarkade.player.PlayerService;
import dev.quarkade.testsupport.TestPlayer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The operator console's server side over real sockets: who may use it, what it shows of live rooms, kick and close
 * as the players' clients see them, the audit trail in admin_actions and the live feed. The test profile lists
 * {@code console_admin} in quarkade.admin.usernames.
 */
@QuarkusTest
class AdminConsoleTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ADMIN = "console_admin";
    private static final String PASSWORD = "operator-password";

    @TestHTTPResource("/")
    URI base;

    @Inject
    PlayerService playerService;

    @Inject
    PasswordHasher hasher;

    @Test
    void aNormalPlayerIsRefused403AndNoTokenIs401OnEveryAdminEndpoint() {
        String player = TestPlayer.guest(base, "nosy").accessToken;
        String account = register("plain_" + System.nanoTime() % 1_000_000);
        for (String token : List.of(player, account)) {
            as(token).get("/api/admin/rooms").then().statusCode(403).body("error", equalTo("forbidden"));
            as(token).get("/api/admin/rooms/anything").then().statusCode(403).body("error", equalTo("forbidden"));
            as(token).get("/api/admin/actions").then().statusCode(403).body("error", equalTo("forbidden"));
            as(token).get("/api/admin/connections?room=x").then().statusCode(403).body("error", equalTo("forbidden"));
            as(token).post("/api/admin/feed-ticket").then().statusCode(403).body("error", equalTo("forbidden"));
            as(token).contentType(ContentType.JSON).body(Map.of("reason", "x")).post("/api/admin/rooms/r/close")
                    .then().statusCode(403).body("error", equalTo("forbidden"));
            as(token).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                    .post("/api/admin/rooms/r/players/" + UUID.randomUUID() + "/kick").then().statusCode(403)
                    .body("error", equalTo("forbidden"));
        }
        given().baseUri(base.toString()).get("/api/admin/rooms").then().statusCode(401)
                .body("error", equalTo("unauthorized"));
        given().baseUri(base.toString()).post("/api/admin/feed-ticket").then().statusCode(401);
        given().baseUri(base.toString()).get("/api/admin/feed").then().statusCode(401)
                .body("error", equalTo("invalid_ticket"));
    }

    @Test
    void aListedNameNobodyHasCannotBeRegisteredInAnyCaseSoRegisteringNeverGrantsTheRole() {
        for (String name : List.of("unclaimed_admin", "UNCLAIMED_Admin")) {
            given().baseUri(base.toString()).contentType(ContentType.JSON)
                    .body(Map.of("username", name, "password", PASSWORD)).post("/api/auth/register").then()
                    .statusCode(403).body("error", equalTo("reserved_username"));
        }
        given().baseUri(base.toString()).contentType(ContentType.JSON)
                .body(Map.of("username", "unclaimed_admin", "password", PASSWORD)).post("/api/auth/login").then()
                .statusCode(401);
    }

    @Test
    void theAdminSeesEveryPlayerOfARoomWithLivenessAndRtt() throws Exception {
        String admin = adminToken();
        try (TestPlayer ann = TestPlayer.guest(base, "Ann"); TestPlayer ben = TestPlayer.guest(base, "Ben")) {
            String room = twoPlayerRoom(ann, ben);
            await().atMost(WAIT).untilAsserted(() -> {
                JsonPath detail = as(admin).get("/api/admin/rooms/" + room).then().statusCode(200).extract()
                        .jsonPath();
                assertThat(detail.getList("players.name")).containsExactlyInAnyOrder("Ann", "Ben");
                assertThat(detail.getList("players.liveness")).containsOnly("connected");
                assertThat(detail.getString("status")).isEqualTo("playing");
                assertThat(detail.getLong("bytesPerSecond")).isPositive();
                assertThat(detail.getDouble("tickP99Ms")).isPositive();
            });
            assertThat(as(admin).get("/api/admin/rooms").then().statusCode(200).extract().jsonPath()
                    .getList("roomId")).contains(room);
            as(admin).get("/api/admin/rooms/no-such-room").then().statusCode(404).body("error", equalTo("unknown_room"));
        }
    }

    @Test
    void aKickedPlayerGets1008WithTheReasonAndTheKickIsAudited() throws Throwable {
        String admin = adminToken();
        try (TestPlayer ann = TestPlayer.guest(base, "Ann"); TestPlayer ben = TestPlayer.guest(base, "Ben")) {
            String room = twoPlayerRoom(ann, ben);
            as(admin).contentType(ContentType.JSON).body(Map.of("reason", "")).post(kick(room, ben)).then()
                    .statusCode(400).body("error", equalTo("invalid_reason"));

            JsonPath action = as(admin).contentType(ContentType.JSON).body(Map.of("reason", "spamming the chat"))
                    .post(kick(room, ben)).then().statusCode(200).extract().jsonPath();

            assertThat(ben.awaitClose(WAIT)).isEqualTo(1008);
            assertThat(ben.closeReason()).isEqualTo("spamming the chat");
            assertThat(ann.isClosed()).isFalse();
            AdminAction row = findAction(UUID.fromString(action.getString("id")));
            assertThat(row.action).isEqualTo("kick");
            assertThat(row.target).isEqualTo("room:" + room + "/player:" + ben.playerId);
            assertThat(row.reason).isEqualTo("spamming the chat");
            assertThat(row.adminId).isNotNull();
            assertThat(row.at).isNotNull();
            await().atMost(WAIT).untilAsserted(() -> assertThat(as(admin).get("/api/admin/rooms/" + room).then()
                    .extract().jsonPath().getList("players.name")).containsExactly("Ann"));

            // The connection audit, searched by player, shows the kick's close code and reason.
            await().atMost(WAIT).untilAsserted(() -> {
                JsonPath found = as(admin).get("/api/admin/connections?player=" + ben.playerId).then()
                        .statusCode(200).extract().jsonPath();
                assertThat(found.getInt("[0].closeCode")).isEqualTo(1008);
                assertThat(found.getString("[0].closeReason")).isEqualTo("spamming the chat");
                assertThat(found.getString("[0].roomId")).isEqualTo(room);
                assertThat(found.getString("[0].playerName")).isEqualTo("Ben");
            });
            assertThat(as(admin).get("/api/admin/connections?room=" + room).then().statusCode(200).extract()
                    .jsonPath().getList("playerName")).containsExactlyInAnyOrder("Ann", "Ben");
            as(admin).get("/api/admin/connections").then().statusCode(400).body("error", equalTo("missing_filter"));
            // A kicked player is gone: kicking again finds nobody.
            as(admin).contentType(ContentType.JSON).body(Map.of("reason", "again")).post(kick(room, ben)).then()
                    .statusCode(404).body("error", equalTo("unknown_player"));
        }
    }

    @Test
    void closingARoomSends4002ToEveryPlayerAndIsAudited() throws Throwable {
        String admin = adminToken();
        try (TestPlayer ann = TestPlayer.guest(base, "Ann"); TestPlayer ben = TestPlayer.guest(base, "Ben")) {
            String room = twoPlayerRoom(ann, ben);
            JsonPath action = as(admin).contentType(ContentType.JSON).body(Map.of("reason", "maintenance"))
                    .post("/api/admin/rooms/" + room + "/close").then().statusCode(200).extract().jsonPath();

            assertThat(ann.awaitClose(WAIT)).isEqualTo(4002);
            assertThat(ann.closeReason()).isEqualTo("room closed");
            assertThat(ben.awaitClose(WAIT)).isEqualTo(4002);
            as(admin).get("/api/admin/rooms/" + room).then().statusCode(404);
            AdminAction row = findAction(UUID.fromString(action.getString("id")));
            assertThat(row.action).isEqualTo("close_room");
            assertThat(row.target).isEqualTo("room:" + room);
            assertThat(row.reason).isEqualTo("maintenance");
            assertThat(as(admin).get("/api/admin/actions?size=100").then().statusCode(200).extract().jsonPath()
                    .getList("id")).contains(action.getString("id"));
            as(admin).contentType(ContentType.JSON).body(Map.of("reason", "twice"))
                    .post("/api/admin/rooms/" + room + "/close").then().statusCode(404);
        }
    }

    @Test
    void theLiveFeedStreamsRoomsBehindAOneTimeTicket() throws Exception {
        String admin = adminToken();
        try (TestPlayer ann = TestPlayer.guest(base, "Ann"); TestPlayer ben = TestPlayer.guest(base, "Ben")) {
            String room = twoPlayerRoom(ann, ben);
            String ticket = as(admin).post("/api/admin/feed-ticket").then().statusCode(200).extract()
                    .path("ticket");
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/admin/feed?ticket=" + ticket))
                    .header("Accept", "text/event-stream").build();
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
            try (BufferedReader events = new BufferedReader(
                    new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                JsonPath event = null;
                for (int seen = 0; seen < 5; seen++) {
                    String line;
                    while ((line = events.readLine()) != null && !line.startsWith("data:")) {
                    }
                    assertThat(line).as("an event").isNotNull();
                    event = JsonPath.from(line.substring("data:".length()));
                    List<String> names = event.getList("rooms.find { it.roomId == '" + room + "' }.players.name");
                    if (names != null && names.size() == 2) {
                        break;
                    }
                }
                assertThat(event.getList("rooms.find { it.roomId == '" + room + "' }.players.name"))
                        .containsExactlyInAnyOrder("Ann", "Ben");
            }
            // One feed per ticket.
            assertThat(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void loggingOutEndsTheLiveFeedOpenedInThatSession() throws Exception {
        String admin = adminToken();
        String ticket = as(admin).post("/api/admin/feed-ticket").then().statusCode(200).extract().path("ticket");
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/admin/feed?ticket=" + ticket))
                .header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = events.readLine()) != null && !line.startsWith("data:")) {
            }
            assertThat(line).as("a first event").isNotNull();
            as(admin).post("/api/auth/logout").then().statusCode(204);
            // The stream ends (readLine reaches its end) within one feed period; the deadline bounds a server that
            // would never end it, which would otherwise hang here.
            long loggedOutAt = System.nanoTime();
            CompletableFuture<Integer> ended = CompletableFuture.supplyAsync(() -> {
                int more = 0;
                try {
                    String next;
                    while ((next = events.readLine()) != null) {
                        more += next.startsWith("data:") ? 1 : 0;
                    }
                } catch (IOException e) {
                    // a reset ends it as well
                }
                return more;
            });
            assertThat(ended.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("events after logout")
                    .isLessThanOrEqualTo(2);
            System.out.printf("[measure] admin feed ended %d ms after logout%n", (System.nanoTime() - loggedOutAt) / 1_000_000);
        }
    }

    @Test
    void onlyListedAccountsGetTheRole() {
        String admin = adminToken();
        as(admin).get("/api/admin/rooms").then().statusCode(200);
        // Names match regardless of case, as logins do.
        String again = given().baseUri(base.toString()).contentType(ContentType.JSON)
                .body(Map.of("username", ADMIN.toUpperCase(), "password", PASSWORD)).post("/api/auth/login").then()
                .statusCode(200).extract().path("accessToken");
        as(again).get("/api/admin/rooms").then().statusCode(200);
        // A guest named like the admin is still a guest.
        as(TestPlayer.guest(base, ADMIN).accessToken).get("/api/admin/rooms").then().statusCode(403);
    }

    /** Two players seated and welcomed in a room of their own. */
    private String twoPlayerRoom(TestPlayer a, TestPlayer b) throws Exception {
        String room = a.createRoom(2);
        a.connect(room);
        b.connect(room);
        await().atMost(WAIT).until(() -> a.mirror.welcome() != null && b.mirror.welcome() != null);
        return room;
    }

    private static String kick(String room, TestPlayer player) {
        return "/api/admin/rooms/" + room + "/players/" + player.playerId + "/kick";
    }

    /**
     * The listed admin account: a listed name cannot be registered, so the first test that needs it creates it as an
     * operator's account created before its name was listed (straight through the player service); the others log in.
     */
    private String adminToken() {
        synchronized (AdminConsoleTest.class) {
            var login = given().baseUri(base.toString()).contentType(ContentType.JSON)
                    .body(Map.of("username", ADMIN, "password", PASSWORD)).post("/api/auth/login");
            if (login.statusCode() == 200) {
                return login.path("accessToken");
            }
            try {
                VertxContextSupport.subscribeAndAwait(() -> hasher.hash(PASSWORD)
                        .chain(hash -> Panache.withTransaction(() -> playerService.register(ADMIN, hash))));
            } catch (Throwable e) {
                throw new IllegalStateException("could not create the admin account", e);
            }
            return given().baseUri(base.toString()).contentType(ContentType.JSON)
                    .body(Map.of("username", ADMIN, "password", PASSWORD)).post("/api/auth/login").then()
                    .statusCode(200).extract().path("accessToken");
        }
    }

    private String register(String username) {
        return given().baseUri(base.toString()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD)).post("/api/auth/register").then()
                .statusCode(201).extract().path("accessToken");
    }

    private RequestSpecification as(String token) {
        return given().baseUri(base.toString()).auth().oauth2(token);
    }

    private static AdminAction findAction(UUID id) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> AdminAction.<AdminAction> findById(id)));
    }
}
