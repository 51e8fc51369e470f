package dev.quarkade.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.quarkade.testsupport.Accounts;
import dev.quarkade.testsupport.PersistenceProbe;
import dev.quarkade.testsupport.TestPlayer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The retention job deletes what is due and nothing else (issue 18.9): idle guests who never played, and connection
 * records closed long ago; a guest refreshed lately, a guest in match history, a fresh guest, a registered account,
 * recent and still open connection records all stay. Its defaults (30 days idle, 90 days of audit) are what it runs
 * with; rows are aged in the database rather than waited for.
 */
@QuarkusTest
class DataRetentionTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    DataRetention retention;

    @Inject
    PersistenceProbe probe;

    @Inject
    Pool pool;

    @Test
    void aRunDeletesIdleGuestsAndOldClosedConnectionRecordsOnly() {
        TestPlayer idle = TestPlayer.guest(base, "idle");
        Accounts.Tokens refreshedLately = Accounts.guest();
        TestPlayer played = TestPlayer.guest(base, "played");
        TestPlayer opponent = TestPlayer.guest(base, "opponent");
        TestPlayer fresh = TestPlayer.guest(base, "fresh");
        UUID registered = Accounts.register(Accounts.uniqueUsername("kept"), "a good password").playerId();
        probe.endMatches("retention-room", 1, played, opponent);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("match_players WHERE player_id = $1", played.playerId) == 1);
        for (UUID player : new UUID[] { idle.playerId, refreshedLately.playerId(), played.playerId, registered }) {
            age(player, 40);
        }
        Accounts.refresh(refreshedLately.refreshToken());
        UUID oldClosed = connectionRecord(registered, 100, 99);
        UUID recentClosed = connectionRecord(registered, 10, 9);
        UUID oldOpen = connectionRecord(registered, 200, null);

        DataRetention.Deleted deleted = retention.runOnce(Instant.now()).await().atMost(Duration.ofSeconds(30));

        assertThat(deleted.guests()).isGreaterThanOrEqualTo(1);
        assertThat(exists("players", idle.playerId)).as("an idle guest who never played").isFalse();
        assertThat(count("auth_sessions WHERE player_id = $1", idle.playerId)).as("its sessions").isZero();
        assertThat(exists("players", refreshedLately.playerId())).as("a guest refreshed lately").isTrue();
        assertThat(exists("players", played.playerId)).as("a guest in match history").isTrue();
        assertThat(exists("players", fresh.playerId)).as("a new guest").isTrue();
        assertThat(exists("players", registered)).as("a registered account").isTrue();
        assertThat(deleted.connectionEvents()).isGreaterThanOrEqualTo(1);
        assertThat(exists("connection_events", oldClosed)).as("closed 99 days ago").isFalse();
        assertThat(exists("connection_events", recentClosed)).as("closed 9 days ago").isTrue();
        assertThat(exists("connection_events", oldOpen)).as("still open").isTrue();
    }

    /** Makes the player's account, sessions and refresh tokens look {@code daysAgo} days old. */
    private void age(UUID player, int daysAgo) {
        pool.preparedQuery("UPDATE players SET created_at = now() - make_interval(days => $2) WHERE id = $1")
                .executeAndAwait(Tuple.of(player, daysAgo));
        pool.preparedQuery("UPDATE auth_sessions SET created_at = now() - make_interval(days => $2) WHERE player_id = $1")
                .executeAndAwait(Tuple.of(player, daysAgo));
        pool.preparedQuery("UPDATE refresh_tokens SET issued_at = now() - make_interval(days => $2) WHERE session_id IN "
                + "(SELECT id FROM auth_sessions WHERE player_id = $1)").executeAndAwait(Tuple.of(player, daysAgo));
    }

    private UUID connectionRecord(UUID player, int openedDaysAgo, Integer closedDaysAgo) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO connection_events (id, player_id, room_id, node, opened_at, closed_at, close_code) "
                + "VALUES ($1, $2, 'retention-room', 'test', now() - make_interval(days => $3), now() - make_interval(days => $4), 1000)")
                .executeAndAwait(Tuple.of(id, player, openedDaysAgo, closedDaysAgo));
        return id;
    }

    private boolean exists(String table, UUID id) {
        return count(table + " WHERE id = $1", id) == 1;
    }

    private long count(String fromWhere, UUID id) {
        return pool.preparedQuery("SELECT count(*) FROM " + fromWhere).executeAndAwait(Tuple.of(id)).iterator().next()
                .getLong(0);
    }
}
