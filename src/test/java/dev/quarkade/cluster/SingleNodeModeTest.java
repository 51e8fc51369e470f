package dev.quarkade.cluster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.quarkade.testsupport.TestPlayer;
import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The default: no Redis configured, so no Redis client exists and nothing of cluster mode runs; the lobby answers
 * from this node's rooms and says where to connect from the request's own scheme and host.
 */
@QuarkusTest
class SingleNodeModeTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    ClusterMode mode;

    @Inject
    NodeRegistry registry;

    @Test
    void withoutRedisNothingOfClusterModeRuns() {
        assertThat(mode.enabled()).isFalse();
        assertThat(registry.isRegistered()).isFalse();
        var redis = Arc.container().select(ReactiveRedisDataSource.class);
        assertThat(redis.isResolvable() && redis.getHandle().getBean().checkActive().value())
                .as("no active Redis data source, so no client is ever created").isFalse();
    }

    @Test
    void answersCarryTheWebSocketUrlOfThisNode() {
        TestPlayer player = TestPlayer.guest(base, "single");
        String expectedBase = "ws://" + base.getHost() + ":" + base.getPort();
        Map<String, Object> seat = player.joinOrCreateAt(base);
        String roomId = (String) seat.get("roomId");
        assertThat(seat).containsEntry("wsPath", "/ws/rooms/" + roomId)
                .containsEntry("wsUrl", expectedBase + "/ws/rooms/" + roomId);

        List<Map<String, Object>> rooms = given().baseUri(base.toString()).get("/api/rooms").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertThat(rooms).filteredOn(r -> roomId.equals(r.get("roomId"))).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("wsUrl", expectedBase + "/ws/rooms/" + roomId)
                        .doesNotContainKey("node"));
        given().baseUri(base.toString()).get("/api/rooms/" + roomId).then().statusCode(200)
                .body("wsUrl", org.hamcrest.Matchers.equalTo(expectedBase + "/ws/rooms/" + roomId));
        given().baseUri(base.toString()).get("/api/rooms/nosuchroom123").then().statusCode(404)
                .body("error", org.hamcrest.Matchers.equalTo("unknown_room"));
    }

    @Test
    void answersNeverPointAtAHostTakenFromTheRequest() {
        TestPlayer player = TestPlayer.guest(base, "hosted");
        String roomId = (String) player.joinOrCreateAt(base).get("roomId");
        given().baseUri(base.toString()).header("Host", "evil.example:" + base.getPort()).get("/api/rooms/" + roomId)
                .then().statusCode(200).body("roomId", org.hamcrest.Matchers.equalTo(roomId))
                .body("wsUrl", org.hamcrest.Matchers.nullValue());
        given().baseUri(base.toString()).header("Host", "evil.example").auth().oauth2(player.accessToken)
                .contentType("application/json").body("{\"game\":\"arena\"}").post("/api/matchmaking/join-or-create")
                .then().statusCode(200).body("wsUrl", org.hamcrest.Matchers.nullValue())
                .body("wsPath", org.hamcrest.Matchers.equalTo("/ws/rooms/" + roomId));
    }
}
