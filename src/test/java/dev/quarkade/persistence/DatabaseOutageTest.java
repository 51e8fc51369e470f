package dev.quarkade.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.quarkade.game.PlayerResult;
import dev.quarkade.room.MatchEnded;
import dev.quarkade.testsupport.ExternalPostgresResource;
import dev.quarkade.testsupport.ExternalPostgresResource.InjectPostgres;
import dev.quarkade.testsupport.LocalPostgresServer;
import dev.quarkade.testsupport.TestPlayer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A real PostgreSQL server stopped under a running game: the game goes on, and every record arrives afterwards. */
@QuarkusTest
@TestProfile(DatabaseOutageTest.ExternalDatabase.class)
class DatabaseOutageTest {

    /** The application on a PostgreSQL server the test can stop, retrying at least every 500 ms. */
    public static class ExternalDatabase implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ExternalPostgresResource.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkade.persistence.retry-max-backoff", "500ms");
        }
    }

    private static final int MATCHES = 5;

    @InjectPostgres
    LocalPostgresServer postgres;

    @TestHTTPResource("/")
    URI base;

    @Inject
    Event<MatchEnded> matchEnded;

    @Inject
    WriteBehindQueue queue;

    @Inject
    MeterRegistry registry;

    @Test
    void recordsMadeWhileTheDatabaseIsDownAreAllWrittenWhenItReturns() throws Exception {
        TestPlayer alice = TestPlayer.guest(base, "alice");
        TestPlayer bob = TestPlayer.guest(base, "bob");
        alice.connect(alice.quickPlay());
        alice.awaitWelcome();
        await().atMost(Duration.ofSeconds(10)).until(() -> count("connection_events WHERE player_id = ?", alice) == 1);
        double retriesBefore = counter("quarkade.persistence.retries");
        double droppedBefore = counter("quarkade.persistence.dropped");

        postgres.stop();
        alice.close(4001, "gone while the database is down");
        Instant end = Instant.now();
        for (int i = 0; i < MATCHES; i++) {
            matchEnded.fireAsync(new MatchEnded("outage-room", "arena", end.minusSeconds(60 + i), end.plusMillis(i),
                    List.of(new PlayerResult(0, alice.playerId, alice.name, i, 1),
                            new PlayerResult(1, bob.playerId, bob.name, 0, 2))));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.pending() >= MATCHES + 1
                && counter("quarkade.persistence.retries") > retriesBefore);
        assertThat(alice.isClosed()).as("the game went on without the database").isTrue();

        postgres.startServer();
        await().atMost(Duration.ofSeconds(20)).until(() -> queue.pending() == 0);
        assertThat(count("match_players WHERE player_id = ?", bob)).isEqualTo(MATCHES);
        assertThat(count("matches m JOIN match_players mp ON mp.match_id = m.id WHERE m.room_id = 'outage-room'"
                + " AND mp.player_id = ?", alice)).isEqualTo(MATCHES);
        assertThat(count("player_stats WHERE wins = " + MATCHES + " AND player_id = ?", alice)).isEqualTo(1);
        assertThat(count("connection_events WHERE close_code = 4001"
                + " AND close_reason = 'gone while the database is down' AND player_id = ?", alice)).isEqualTo(1);
        assertThat(counter("quarkade.persistence.dropped")).isEqualTo(droppedBefore);
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    private long count(String fromWhere, TestPlayer player) throws Exception {
        try (Connection connection = postgres.connect();
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM " + fromWhere)) {
            query.setObject(1, player.playerId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
