package dev.quarkade.persistence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.quarkade.testsupport.TestPlayer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * PostgreSQL killed with SIGKILL in the middle of play, then started again: rooms never wait on the database, so the
 * match goes on through the outage; readiness reports the outage and the connection pool recovers on its own.
 */
@QuarkusTest
@TestProfile(KillableDatabase.class)
class DatabaseCrashTest {

    private static final int TICKS_PER_SECOND = 30;

    @TestHTTPResource("/")
    URI base;

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

    private int readiness() {
        return given().baseUri(base.toString()).get("/q/health/ready").statusCode();
    }
}
