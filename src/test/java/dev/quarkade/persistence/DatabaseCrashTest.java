package dev.quarkade.persistence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.quarkade.testsupport.PersistenceProbe;
import dev.quarkade.testsupport.TestPlayer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * PostgreSQL killed with SIGKILL in the middle of play, then started again; paused with SIGSTOP; its backends
 * terminated. Rooms never wait on the database, so the match goes on through each; readiness reports the outage, the
 * write-behind queue retries until its records land, and the connection pool recovers on its own.
 */
@QuarkusTest
@TestProfile(KillableDatabase.class)
class DatabaseCrashTest {

    private static final int TICKS_PER_SECOND = 30;
    private static final int MATCHES = 5;

    @TestHTTPResource("/")
    URI base;

    @Inject
    PersistenceProbe probe;

    @Test
    void matchKeepsRunningThroughADatabaseCrashAndThePoolRecovers() throws Exception {
        try (TestPlayer player = TestPlayer.guest(base, "survivor")) {
            player.connect(player.quickPlay());
            await().atMost(Duration.ofSeconds(5)).until(() -> player.mirror.latestTick() > 0);
            assertThat(readiness()).isEqualTo(200);

            KillableDatabase.server.kill();
            long killedAt = System.nanoTime();
            long tickAtKill = player.mirror.latestTick();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> readiness() == 503);
            long downAfterMs = (System.nanoTime() - killedAt) / 1_000_000;
            // The outage lasts 2 s more, during which the player stays connected.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> !player.isClosed());
            assertThat(player.mirror.latestTick() - tickAtKill).as("ticks received during the outage")
                    .isGreaterThan(TICKS_PER_SECOND);
            player.move(10, 0);

            KillableDatabase.server.startServer();
            long restartedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> readiness() == 200);
            long upAfterMs = (System.nanoTime() - restartedAt) / 1_000_000;
            TestPlayer newcomer = TestPlayer.guest(base, "newcomer"); // written to the restarted database
            newcomer.close();
            System.out.printf("[measure] PostgreSQL kill -9: readiness DOWN after %d ms, UP %d ms after restart; "
                    + "%d ticks received during the outage%n", downAfterMs, upAfterMs,
                    player.mirror.latestTick() - tickAtKill);
            assertThat(player.isClosed()).isFalse();
            assertThat(player.mirror.checksumMismatches()).isZero();
        }
    }

    /**
     * PostgreSQL frozen with SIGSTOP (postmaster and backends) for a few seconds: it accepts and never answers. The
     * write-behind queue's attempts time out and are retried, readiness goes DOWN within the database timeout, the
     * match keeps ticking; a connection closed and matches ended during the pause, and an account asked for during
     * it, all land once the server resumes.
     */
    @Test
    void matchKeepsRunningWhileTheDatabaseIsPausedAndWhatWasQueuedLandsAfter() throws Exception {
        TestPlayer alice = TestPlayer.guest(base, "alice");
        TestPlayer bob = TestPlayer.guest(base, "bob");
        TestPlayer carol = TestPlayer.guest(base, "carol");
        String room = alice.quickPlay();
        alice.connect(room).awaitWelcome();
        bob.connect(room).awaitWelcome();
        await().atMost(Duration.ofSeconds(10)).until(() -> count("connection_events WHERE player_id = ?", bob) == 1);
        double retriesBefore = probe.counter("quarkade.persistence.retries");

        KillableDatabase.server.pause();
        long pausedAt = System.nanoTime();
        long tickAtPause = alice.mirror.latestTick();
        try {
            bob.close(4001, "left during the pause");
            probe.endMatches("pause-room", MATCHES, alice, bob);
            CompletableFuture<Integer> signup = CompletableFuture.supplyAsync(() -> given().baseUri(base.toString())
                    .contentType("application/json").body(Map.of("name", "patient")).post("/api/auth/guest")
                    .statusCode());
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> readiness() == 503);
            long downAfterMs = (System.nanoTime() - pausedAt) / 1_000_000;
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> probe.counter("quarkade.persistence.retries") > retriesBefore);
            long retriedAfterMs = (System.nanoTime() - pausedAt) / 1_000_000;
            // An upgrade needs the session store: it is refused with 503, not held until the database wakes.
            long upgradeAt = System.nanoTime();
            assertThat(TestPlayer.upgradeStatus(base, "/ws/rooms/" + room,
                    Map.of("Authorization", "Bearer " + carol.accessToken))).isEqualTo(503);
            long upgradeMs = (System.nanoTime() - upgradeAt) / 1_000_000;
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !alice.isClosed());
            assertThat(probe.queue().pending()).isGreaterThanOrEqualTo(MATCHES + 1);

            KillableDatabase.server.resume();
            long resumedAt = System.nanoTime();
            long pausedMs = (resumedAt - pausedAt) / 1_000_000;
            long ticksDuringPause = alice.mirror.latestTick() - tickAtPause;
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> readiness() == 200);
            long upAfterMs = (System.nanoTime() - resumedAt) / 1_000_000;
            await().atMost(Duration.ofSeconds(20)).until(() -> probe.queue().pending() == 0);
            long drainedAfterMs = (System.nanoTime() - resumedAt) / 1_000_000;
            assertThat(signup.get(20, TimeUnit.SECONDS)).as("the account asked for during the pause").isEqualTo(200);
            System.out.printf("[measure] PostgreSQL SIGSTOP for %d ms: readiness DOWN after %d ms, first retry after "
                    + "%d ms, an upgrade answered 503 in %d ms, %d ticks received during the pause; after SIGCONT "
                    + "readiness UP in %d ms, queue drained in %d ms%n", pausedMs, downAfterMs, retriedAfterMs,
                    upgradeMs, ticksDuringPause, upAfterMs, drainedAfterMs);
            assertThat(ticksDuringPause).isGreaterThan(pausedMs * TICKS_PER_SECOND / 2000);
        } finally {
            KillableDatabase.server.resume();
        }
        assertThat(count("match_players mp JOIN matches m ON m.id = mp.match_id WHERE m.room_id = 'pause-room'"
                + " AND mp.player_id = ?", bob)).isEqualTo(MATCHES);
        assertThat(count("connection_events WHERE close_code = 4001 AND close_reason = 'left during the pause'"
                + " AND player_id = ?", bob)).isEqualTo(1);
        assertThat(alice.isClosed()).isFalse();
        assertThat(alice.mirror.checksumMismatches()).isZero();
        alice.close();
    }

    /**
     * Every backend of the application terminated at once ({@code pg_terminate_backend}), as an operator or a failover
     * would: the pool drops its dead connections and opens new ones; a write made right after lands.
     */
    @Test
    void poolRecoversWhenEveryBackendIsTerminated() throws Exception {
        TestPlayer alice = TestPlayer.guest(base, "alice");
        TestPlayer bob = TestPlayer.guest(base, "bob");
        String room = alice.quickPlay();
        alice.connect(room).awaitWelcome();
        bob.connect(room).awaitWelcome();
        await().atMost(Duration.ofSeconds(10)).until(() -> count("connection_events WHERE player_id = ?", bob) == 1);

        int terminated = KillableDatabase.server.terminateBackends();
        long terminatedAt = System.nanoTime();
        bob.close(4002, "left after the terminate");
        probe.endMatches("terminate-room", MATCHES, alice, bob);
        TestPlayer newcomer = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions().until(() -> TestPlayer.guest(base, "newcomer"), p -> p != null);
        long accountAfterMs = (System.nanoTime() - terminatedAt) / 1_000_000;
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.queue().pending() == 0
                && count("connection_events WHERE close_code = 4002 AND player_id = ?", bob) == 1);
        long drainedAfterMs = (System.nanoTime() - terminatedAt) / 1_000_000;
        System.out.printf("[measure] pg_terminate_backend on %d backends: a new account written %d ms after, "
                + "queued writes landed %d ms after%n", terminated, accountAfterMs, drainedAfterMs);
        assertThat(terminated).isPositive();
        assertThat(readiness()).isEqualTo(200);
        assertThat(count("match_players mp JOIN matches m ON m.id = mp.match_id WHERE m.room_id = 'terminate-room'"
                + " AND mp.player_id = ?", bob)).isEqualTo(MATCHES);
        assertThat(count("players WHERE id = ?", newcomer)).isEqualTo(1);
        assertThat(alice.isClosed()).isFalse();
        alice.close();
    }

    private long count(String fromWhere, TestPlayer player) throws Exception {
        return PersistenceProbe.count(KillableDatabase.server, fromWhere, player);
    }

    private int readiness() {
        return given().baseUri(base.toString()).get("/q/health/ready").statusCode();
    }
}
