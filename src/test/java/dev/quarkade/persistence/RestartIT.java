package dev.quarkade.persistence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.quarkade.protocol.ServerMessage;
import dev.quarkade.testsupport.PackagedApp;
import dev.quarkade.testsupport.TestPlayer;
import io.restassured.http.ContentType;

/** The packaged jar stopped and started again on the same embedded data: accounts, sessions and history remain. */
class RestartIT {

    @TempDir
    Path home;

    @Test
    void accountsSessionsAndHistorySurviveARestart() throws Exception {
        Map<String, String> props = Map.of("quarkade.embedded-db.data-dir", home.resolve("pgdata").toString(),
                "quarkade.jwt.key-dir", home.resolve("keys").toString(),
                "quarkade.arena.match-duration", "2s");
        Map<String, Object> account = Map.of("username", "survivor", "password", "long-enough-1");
        String refreshToken;
        String playerId;
        try (PackagedApp first = PackagedApp.start(props, Map.of())) {
            Map<String, Object> tokens = given().baseUri(first.baseUrl()).contentType(ContentType.JSON).body(account)
                    .post("/api/auth/register").then().statusCode(201).extract().as(Map.class);
            refreshToken = (String) tokens.get("refreshToken");
            playerId = (String) tokens.get("playerId");
            TestPlayer player = TestPlayer.withToken(URI.create(first.baseUrl()), (String) tokens.get("accessToken"));
            player.connect(player.quickPlay());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !player.mirror.all(ServerMessage.MatchEnd.class).isEmpty());
            player.close(4000, "done playing");
            player.awaitClose(Duration.ofSeconds(5));
        } // SIGTERM: the write-behind queue is flushed before the process exits

        try (PackagedApp second = PackagedApp.start(props, Map.of())) {
            String access = given().baseUri(second.baseUrl()).contentType(ContentType.JSON).body(account)
                    .post("/api/auth/login").then().statusCode(200).extract().path("accessToken");
            given().baseUri(second.baseUrl()).contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                    .post("/api/auth/refresh").then().statusCode(200);

            List<Map<String, Object>> matches = given().baseUri(second.baseUrl()).get("/api/matches?player=" + playerId)
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(matches).isNotEmpty();
            assertThat(matches.get(0)).containsEntry("game", "arena");
            List<Map<String, Object>> connections = given().baseUri(second.baseUrl()).auth().oauth2(access)
                    .get("/api/me/connections").then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(connections).singleElement().satisfies(c -> assertThat(c)
                    .containsEntry("closeCode", 4000).containsEntry("closeReason", "done playing"));
        }
    }
}
