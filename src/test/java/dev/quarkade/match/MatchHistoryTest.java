package dev.quarkade.match;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.quarkade.game.PlayerResult;
import dev.quarkade.room.MatchEnded;
import dev.quarkade.testsupport.PersistenceProbe;
import dev.quarkade.testsupport.TestPlayer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Finished matches as clients read them back: a player's history and the leaderboard. */
@QuarkusTest
class MatchHistoryTest {

    private static final Duration WRITTEN = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI base;

    @Inject
    PersistenceProbe probe;

    @Test
    void completedMatchesAppearInHistoryNewestFirstAndOnTheLeaderboard() {
        TestPlayer winner = TestPlayer.guest(base, "champ");
        TestPlayer loser = TestPlayer.guest(base, "runner");
        Instant end = Instant.now();
        probe.endMatch("room-one", end.minusSeconds(240), end.minusSeconds(120),
                new PlayerResult(0, winner.playerId, winner.name, 7, 1),
                new PlayerResult(1, loser.playerId, loser.name, 3, 2));
        probe.endMatch("room-two", end.minusSeconds(120), end,
                new PlayerResult(1, winner.playerId, winner.name, 5, 1),
                new PlayerResult(0, loser.playerId, loser.name, 5, 1));

        await().atMost(WRITTEN).until(() -> history(loser.playerId, "").getList("$").size() == 2);
        JsonPath history = history(loser.playerId, "");
        assertThat(history.getList("roomId")).containsExactly("room-two", "room-one");
        assertThat(history.getString("[1].game")).isEqualTo("arena");
        assertThat(history.getString("[1].startedAt")).isNotNull();
        assertThat(history.getString("[1].endedAt")).isNotNull();
        assertThat(history.getList("[1].players.name")).containsExactly("champ", "runner");
        assertThat(history.getList("[1].players.placement")).containsExactly(1, 2);
        assertThat(history.getList("[1].players.score")).containsExactly(7, 3);
        assertThat(history.getString("[1].players[0].playerId")).isEqualTo(winner.playerId.toString());
        assertThat(history(loser.playerId, "&page=1&size=1").getList("roomId")).containsExactly("room-one");

        Map<String, Object> champ = standing(winner.playerId);
        assertThat(champ).containsEntry("wins", 2).containsEntry("totalScore", 12).containsEntry("matchesPlayed", 2)
                .containsEntry("name", "champ");
        assertThat(standing(loser.playerId)).containsEntry("wins", 1).containsEntry("totalScore", 8);
        assertThat((Integer) champ.get("rank")).isLessThan((Integer) standing(loser.playerId).get("rank"));
    }

    @Test
    void aMatchWrittenTwiceCountsOnce() {
        TestPlayer player = TestPlayer.guest(base, "twice");
        Instant end = Instant.now();
        MatchWrite write = new MatchWrite(UUID.randomUUID(), new MatchEnded("room-x", "arena", end.minusSeconds(60),
                end, List.of(new PlayerResult(0, player.playerId, player.name, 4, 1))));
        // As after a commit whose acknowledgement was lost: the same write goes to the database again.
        probe.queue().submit(write);
        probe.queue().submit(write);
        assertThat(probe.queue().flush(WRITTEN)).isZero();

        assertThat(history(player.playerId, "").getList("$")).hasSize(1);
        assertThat(standing(player.playerId)).containsEntry("wins", 1).containsEntry("matchesPlayed", 1);
    }

    @Test
    void leaderboardIsSortedByWinsThenScore() {
        List<Map<String, Object>> lines = given().baseUri(base.toString()).get("/api/leaderboard?game=arena&size=100")
                .then().statusCode(200).extract().jsonPath().getList("$");
        for (int i = 1; i < lines.size(); i++) {
            Map<String, Object> above = lines.get(i - 1);
            Map<String, Object> below = lines.get(i);
            int wins = Integer.compare((Integer) above.get("wins"), (Integer) below.get("wins"));
            assertThat(wins > 0 || (wins == 0
                    && ((Number) above.get("totalScore")).longValue() >= ((Number) below.get("totalScore")).longValue()))
                    .as("line %d before %d", i, i + 1).isTrue();
            assertThat(below.get("rank")).isEqualTo(i + 1);
        }
    }

    @Test
    void invalidParametersAreAnswered400() {
        expect400("/api/matches", "invalid_player");
        expect400("/api/matches?player=not-a-uuid", "invalid_player");
        expect400("/api/matches?player=" + UUID.randomUUID() + "&size=101", "invalid_size");
        expect400("/api/matches?player=" + UUID.randomUUID() + "&size=0", "invalid_size");
        expect400("/api/matches?player=" + UUID.randomUUID() + "&page=-1", "invalid_page");
        expect400("/api/matches?player=" + UUID.randomUUID() + "&page=x", "invalid_page");
        expect400("/api/leaderboard", "unknown_game");
        expect400("/api/leaderboard?game=chess", "unknown_game");
        expect400("/api/leaderboard?game=arena&size=1000", "invalid_size");
        given().baseUri(base.toString()).get("/api/matches?player=" + UUID.randomUUID()).then().statusCode(200)
                .body("size()", equalTo(0));
    }

    private void expect400(String path, String error) {
        given().baseUri(base.toString()).get(path).then().statusCode(400).body("error", equalTo(error));
    }

    private JsonPath history(UUID player, String paging) {
        return given().baseUri(base.toString()).get("/api/matches?player=" + player + paging).then().statusCode(200)
                .extract().jsonPath();
    }

    private Map<String, Object> standing(UUID player) {
        await().atMost(WRITTEN).until(() -> board().stream().anyMatch(l -> player.toString().equals(l.get("playerId"))));
        return board().stream().filter(l -> player.toString().equals(l.get("playerId"))).findFirst().orElseThrow();
    }

    private List<Map<String, Object>> board() {
        // Other tests add players too; paging through keeps this test independent of how many.
        List<Map<String, Object>> all = new ArrayList<>();
        for (int page = 0;; page++) {
            List<Map<String, Object>> lines = given().baseUri(base.toString())
                    .get("/api/leaderboard?game=arena&size=100&page=" + page).then().statusCode(200).extract()
                    .jsonPath().getList("$");
            all.addAll(lines);
            if (lines.size() < 100) {
                return all;
            }
        }
    }
}
