package dev.quarkade.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.quarkade.game.PlayerResult;
import dev.quarkade.room.MatchEnded;
import dev.quarkade.testsupport.TestPlayer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

@QuarkusTest
class MatchRecorderTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Event<MatchEnded> matchEnded;

    @Test
    void finishedMatchIsRecordedWithEveryPlayersResult() throws Throwable {
        TestPlayer winner = TestPlayer.guest(base, "winner");
        TestPlayer second = TestPlayer.guest(base, "second");
        Instant end = Instant.now();
        matchEnded.fireAsync(new MatchEnded("room-under-test", "arena", end.minusSeconds(120), end, List.of(
                new PlayerResult(1, winner.playerId, winner.name, 9, 1),
                new PlayerResult(0, second.playerId, second.name, 4, 2))));

        await().atMost(Duration.ofSeconds(10)).until(() -> count("playerId", winner) == 1);
        MatchPlayerRecord row = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> MatchPlayerRecord.<MatchPlayerRecord> find("playerId", second.playerId).firstResult()));
        assertThat(row.score).isEqualTo(4);
        assertThat(row.placement).isEqualTo((short) 2);
        MatchRecord match = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> MatchRecord.<MatchRecord> findById(row.matchId)));
        assertThat(match.roomId).isEqualTo("room-under-test");
        assertThat(match.game).isEqualTo("arena");
    }

    private static long count(String field, TestPlayer player) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withSession(() -> MatchPlayerRecord.count(field, player.playerId)));
        } catch (Exception e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
