package dev.quarkade.lobby;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.quarkade.testsupport.TestPlayer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * What a player can make the lobby hold is bounded: rooms per player and per node, and one seat hold at a time that
 * asking again never extends (issue: seat squatting, unlimited rooms).
 */
@QuarkusTest
@TestProfile(RoomAbuseTest.Limits.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoomAbuseTest {

    /** Small limits, and a seat hold short enough to watch it end, long enough for a loaded machine to ask twice. */
    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkade.room.max-rooms-per-player", "2", "quarkade.room.max-rooms", "8",
                    "quarkade.room.seat-hold", "5s");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void aPlayerCreatesAtMostTheirLimitOfRoomsAndOthersStillCreateTheirs() {
        TestPlayer greedy = TestPlayer.guest(base, "greedy");
        create(greedy).statusCode(201);
        create(greedy).statusCode(201);
        create(greedy).statusCode(429).body("error", equalTo("too_many_rooms")).header("Retry-After", "60");
        TestPlayer honest = TestPlayer.guest(base, "honest");
        create(honest).statusCode(201);
    }

    /** Last: it fills the node, so every other test here needs the rooms it leaves free. */
    @Test
    @Order(Integer.MAX_VALUE)
    void theNodeCreatesAtMostItsLimitOfRooms() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            TestPlayer p = TestPlayer.guest(base, "many" + i);
            statuses.add(create(p).extract().statusCode());
            statuses.add(create(p).extract().statusCode());
        }
        assertThat(statuses).contains(429);
        TestPlayer late = TestPlayer.guest(base, "late");
        create(late).statusCode(429).body("error", equalTo("server_full"));
    }

    @Test
    void askingForTheSameSeatAgainNeverExtendsItsHold() {
        TestPlayer owner = TestPlayer.guest(base, "owner");
        String roomId = owner.createRoom(2);
        TestPlayer squatter = TestPlayer.guest(base, "squatter");
        TestPlayer friend = TestPlayer.guest(base, "friend");
        TestPlayer other = TestPlayer.guest(base, "other");
        join(squatter, roomId).statusCode(200);
        join(friend, roomId).statusCode(200);
        join(other, roomId).statusCode(409);
        awaitSeatsTaken(roomId, 2, "held seats count in the listing");
        // The squatter keeps asking; the hold still ends seat-hold (5 s) after it began, and the seat frees up.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            join(squatter, roomId);
            return join(other, roomId).extract().statusCode() == 200;
        });
    }

    @Test
    void aPlayerHoldsOneSeatAtATime() {
        TestPlayer owner = TestPlayer.guest(base, "owner2");
        String a = room(owner);
        String b = room(owner);
        TestPlayer hopper = TestPlayer.guest(base, "hopper");
        join(hopper, a).statusCode(200);
        awaitSeatsTaken(a, 1, "the hold counts in the listing");
        join(hopper, b).statusCode(200);
        awaitSeatsTaken(a, 0, "the hold in the first room is given up");
        awaitSeatsTaken(b, 1, "the hold moved to the second room");
    }

    private String room(TestPlayer owner) {
        return owner.createRoom(4);
    }

    private ValidatableResponse create(TestPlayer p) {
        return given().baseUri(base.toString()).auth().oauth2(p.accessToken).contentType("application/json")
                .body("{\"game\":\"arena\"}").post("/api/rooms").then();
    }

    private ValidatableResponse join(TestPlayer p, String roomId) {
        return given().baseUri(base.toString()).auth().oauth2(p.accessToken).post("/api/rooms/" + roomId + "/join")
                .then();
    }

    /** Listings are refreshed by the room's tick: the count shows within a few ticks, later on a loaded machine. */
    private void awaitSeatsTaken(String roomId, int taken, String why) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(listed(roomId).get("seatsTaken")).as(why).isEqualTo(taken));
    }

    private Map<String, Object> listed(String roomId) {
        return given().baseUri(base.toString()).get("/api/rooms/" + roomId).then().statusCode(200).extract()
                .jsonPath().getMap("$");
    }
}
