package dev.quarkade.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The queries behind every growing list, planned by PostgreSQL over thousands of rows: each must read its index, not
 * scan and sort a table. The plans printed here are the ones quoted in docs/persistence.md.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryPlansTest {

    private static final int PLAYERS = 5000;
    private static final int MATCHES = 10000;
    private static final int CONNECTIONS = 50000;

    @Inject
    Pool pool;

    private static final String VETERAN = "7e7e7e7e-0000-4000-8000-000000000001";

    private String player;

    @BeforeAll
    void fillTables() {
        run("INSERT INTO players (id, name, guest) SELECT gen_random_uuid(), 'plan-' || i, true"
                + " FROM generate_series(1, " + PLAYERS + ") i");
        run("INSERT INTO matches (id, room_id, game, started_at, ended_at) SELECT gen_random_uuid(), 'plan-room',"
                + " 'plan-test', now() - make_interval(mins => i + 2), now() - make_interval(mins => i)"
                + " FROM generate_series(1, " + MATCHES + ") i");
        run("""
                WITH p AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM players WHERE name LIKE 'plan-%%'),
                     m AS (SELECT id, ended_at, row_number() OVER (ORDER BY id) AS n FROM matches
                           WHERE game = 'plan-test')
                INSERT INTO match_players (match_id, player_id, seat, score, placement, name, ended_at)
                SELECT m.id, p.id, s.seat, (m.n * 7 + s.seat) %% 50, s.seat + 1, 'plan', m.ended_at
                FROM m CROSS JOIN (VALUES (0), (1)) s (seat) JOIN p ON p.n = (m.n * 2 + s.seat) %% %d + 1
                """.formatted(PLAYERS));
        run("""
                INSERT INTO player_stats (game, player_id, name, wins, total_score, matches_played)
                SELECT 'plan-test', player_id, 'plan', count(*) FILTER (WHERE placement = 1), sum(score), count(*)
                FROM match_players WHERE name = 'plan' GROUP BY player_id""");
        run("""
                WITH p AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM players WHERE name LIKE 'plan-%%')
                INSERT INTO connection_events (id, player_id, room_id, node, opened_at, closed_at, close_code)
                SELECT gen_random_uuid(), p.id, 'plan-room', 'plan-node', now() - make_interval(secs => i),
                       now() - make_interval(secs => i) + interval '1 minute', 1000
                FROM generate_series(1, %d) i JOIN p ON p.n = i %% %d + 1""".formatted(CONNECTIONS, PLAYERS));
        // A veteran with thousands of matches and connections: their pages must come off the index in order.
        run("INSERT INTO players (id, name, guest) VALUES ('" + VETERAN + "', 'veteran', true)");
        run("INSERT INTO matches (id, room_id, game, started_at, ended_at) SELECT gen_random_uuid(), 'vet-room',"
                + " 'plan-test', now() - make_interval(mins => i + 2), now() - make_interval(mins => i)"
                + " FROM generate_series(1, 3000) i");
        run("INSERT INTO match_players (match_id, player_id, seat, score, placement, name, ended_at)"
                + " SELECT id, '" + VETERAN + "', 0, 1, 1, 'veteran', ended_at FROM matches WHERE room_id = 'vet-room'");
        run("INSERT INTO connection_events (id, player_id, room_id, node, opened_at) SELECT gen_random_uuid(), '"
                + VETERAN + "', 'vet-room', 'plan-node', now() - make_interval(secs => i) FROM generate_series(1, 3000) i");
        run("ANALYZE");
        player = pool.query("SELECT player_id FROM match_players WHERE name = 'plan' LIMIT 1").executeAndAwait()
                .iterator().next().getUUID(0).toString();
    }

    @Test
    void leaderboardReadsTheRankingIndex() {
        String plan = explain("SELECT * FROM player_stats WHERE game = 'plan-test'"
                + " ORDER BY wins DESC, total_score DESC, player_id LIMIT 20 OFFSET 40");
        assertThat(plan).contains("Index Scan using player_stats_ranking").doesNotContain("Sort");
    }

    @Test
    void historyReadsThePlayersResultsNewestFirstFromTheirIndex() {
        // A few rows: the planner may fetch them through the index and sort them, which costs nothing.
        assertThat(explain(history(player))).contains("match_players_player_ended").doesNotContain("Seq Scan");
        // Thousands: read in order off the index, stopping after the page.
        assertThat(explain(history(VETERAN))).contains("Index Scan using match_players_player_ended")
                .doesNotContain("Sort");
    }

    private static String history(String playerId) {
        return "SELECT * FROM match_players WHERE player_id = '" + playerId + "'"
                + " ORDER BY ended_at DESC, match_id DESC LIMIT 20 OFFSET 100";
    }

    @Test
    void historyLoadsMatchesAndTheirResultsByPrimaryKey() {
        String ids = pool.query("SELECT match_id FROM match_players WHERE player_id = '" + player + "'")
                .executeAndAwait().stream().map(r -> "'" + r.getUUID(0) + "'").collect(Collectors.joining(","));
        assertThat(explain("SELECT * FROM matches WHERE id IN (" + ids + ")")).contains("matches_pkey")
                .doesNotContain("Seq Scan");
        assertThat(explain("SELECT * FROM match_players WHERE match_id IN (" + ids + ")"))
                .contains("match_players_pkey").doesNotContain("Seq Scan");
    }

    @Test
    void connectionsReadThePlayersIndexNewestFirst() {
        assertThat(explain(connections(player))).contains("connection_events_player").doesNotContain("Seq Scan");
        assertThat(explain(connections(VETERAN))).contains("Index Scan using connection_events_player")
                .doesNotContain("Sort");
    }

    private static String connections(String playerId) {
        return "SELECT * FROM connection_events WHERE player_id = '" + playerId + "'"
                + " ORDER BY opened_at DESC, id DESC LIMIT 20 OFFSET 100";
    }

    @Test
    void restartRecoveryReadsOnlyTheRowsLeftOpen() {
        String plan = explain("UPDATE connection_events SET closed_at = now(), close_code = 1006"
                + " WHERE closed_at IS NULL AND node = 'plan-node' AND opened_at < now()");
        assertThat(plan).contains("connection_events_left_open").doesNotContain("Seq Scan");
    }

    private String explain(String sql) {
        String plan = StreamSupport.stream(pool.query("EXPLAIN " + sql).executeAndAwait().spliterator(), false)
                .map(row -> row.getString(0)).collect(Collectors.joining("\n"));
        System.out.printf("[plan] %s%n%s%n", sql.replaceAll("'[0-9a-f-]{36}'", "<uuid>"), plan);
        return plan;
    }

    private void run(String sql) {
        pool.query(sql).executeAndAwait();
    }
}
