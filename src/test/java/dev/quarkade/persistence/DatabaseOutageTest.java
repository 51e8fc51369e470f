package dev.quarkade.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.quarkade.testsupport.ExternalPostgresResource;
import dev.quarkade.testsupport.ExternalPostgresResource.InjectPostgres;
import dev.quarkade.testsupport.LocalPostgresServer;
import dev.quarkade.testsupport.PersistenceProbe;
import dev.quarkade.testsupport.TestPlayer;
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
    PersistenceProbe probe;

    @Test
    void recordsMadeWhileTheDatabaseIsDownAreAllWrittenWhenItReturns() throws Exception {
        TestPlayer alice = TestPlayer.playing(base, "alice");
        TestPlayer bob = TestPlayer.guest(base, "bob");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("connection_events WHERE player_id = ?", alice) == 1);
        double retriesBefore = probe.counter("quarkade.persistence.retries");
        double droppedBefore = probe.counter("quarkade.persistence.dropped");

        postgres.stop();
        alice.close(4001, "gone while the database is down");
        probe.endMatches("outage-room", MATCHES, alice, bob);
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.queue().pending() >= MATCHES + 1
                && probe.counter("quarkade.persistence.retries") > retriesBefore);
        assertThat(alice.isClosed()).as("the game went on without the database").isTrue();

        postgres.startServer();
        await().atMost(Duration.ofSeconds(20)).until(() -> probe.queue().pending() == 0);
        assertThat(count("match_players WHERE player_id = ?", bob)).isEqualTo(MATCHES);
        assertThat(count("matches m JOIN match_players mp ON mp.match_id = m.id WHERE m.room_id = 'outage-room'"
                + " AND mp.player_id = ?", alice)).isEqualTo(MATCHES);
        assertThat(count("player_stats WHERE wins = " + MATCHES + " AND player_id = ?", alice)).isEqualTo(1);
        assertThat(count("connection_events WHERE close_code = 4001"
                + " AND close_reason = 'gone while the database is down' AND player_id = ?", alice)).isEqualTo(1);
        assertThat(probe.counter("quarkade.persistence.dropped")).isEqualTo(droppedBefore);
    }

    private long count(String fromWhere, TestPlayer player) throws Exception {
        return PersistenceProbe.count(postgres, fromWhere, player);
    }
}
