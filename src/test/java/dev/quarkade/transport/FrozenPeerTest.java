package dev.quarkade.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.quarkade.protocol.ServerMessage;
import dev.quarkade.testsupport.PeerProcess;
import dev.quarkade.testsupport.TestPlayer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A real hung client: a separate process that answers pings, then is frozen with SIGSTOP. Its TCP connection stays
 * up (its kernel still acknowledges), so only the heartbeat can find it: it must be dropped within timeout plus one
 * interval of its last Pong, and the room must keep playing for the others. Then a hundred of them at once.
 */
@QuarkusTest
@TestProfile(FastHeartbeat.class)
class FrozenPeerTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    io.quarkus.websockets.next.OpenConnections openConnections;

    @Test
    void peerFrozenWithSigstopIsDroppedWithinTimeoutPlusOneInterval() throws Exception {
        try (TestPlayer watcher = TestPlayer.guest(base, "watcher")) {
            String room = watcher.quickPlay();
            watcher.connect(room);
            TestPlayer frozen = TestPlayer.guest(base, "frozen");
            try (PeerProcess peer = PeerProcess.start(base.getHost(), base.getPort(), "/ws/rooms/" + room,
                    frozen.accessToken)) {
                // Alive through more than a whole timeout: it answers the heartbeat, so it stays connected throughout.
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> watcher.mirror.livenessOf("frozen") == ServerMessage.RosterEntry.CONNECTED);
                await().during(Duration.ofMillis(FastHeartbeat.TIMEOUT_MS + FastHeartbeat.INTERVAL_MS))
                        .atMost(Duration.ofMillis(FastHeartbeat.TIMEOUT_MS + 3 * FastHeartbeat.INTERVAL_MS))
                        .until(() -> watcher.mirror.livenessOf("frozen") == ServerMessage.RosterEntry.CONNECTED);

                try (DropWatch watch = DropWatch.of(openConnections.listAll(), Set.of(frozen.playerId))) {
                    peer.freeze();
                    long frozenAt = System.nanoTime();
                    await().atMost(Duration.ofMillis(FastHeartbeat.TIMEOUT_MS + 4 * FastHeartbeat.INTERVAL_MS))
                            .until(() -> watch.dropped() == 1);
                    long silenceMs = watch.silenceAtDropMillis()[0];
                    System.out.printf("[measure] SIGSTOP peer dropped %d ms after its last Pong, %d ms after the "
                            + "freeze (timeout %d ms, interval %d ms)%n", silenceMs,
                            watch.droppedAfterMillis(frozenAt)[0], FastHeartbeat.TIMEOUT_MS, FastHeartbeat.INTERVAL_MS);
                    // Never before the timeout, and within one interval after it, counted from its last Pong.
                    assertThat(silenceMs).isBetween(FastHeartbeat.TIMEOUT_MS,
                            FastHeartbeat.TIMEOUT_MS + FastHeartbeat.INTERVAL_MS);
                }
                await().atMost(Duration.ofSeconds(2))
                        .until(() -> watcher.mirror.livenessOf("frozen") == ServerMessage.RosterEntry.DROPPED);
                assertThat(watcher.mirror.all(ServerMessage.Roster.class)).as("suspect before dropped")
                        .anyMatch(r -> r.seats().stream().anyMatch(s -> s.name().equals("frozen")
                                && s.liveness() == ServerMessage.RosterEntry.SUSPECT));
            }
            long tick = watcher.mirror.latestTick();
            await().atMost(Duration.ofSeconds(2)).until(() -> watcher.mirror.latestTick() > tick + 10);
            assertThat(watcher.isClosed()).isFalse();
        }
    }

    /**
     * A hundred hung clients at once: one process holding 100 connections in 25 rooms, answering pings, then frozen.
     * Every one of them must be dropped within timeout plus one interval of its own last Pong (as the server saw it),
     * never before the timeout, and a player sharing a room with three of them plays on.
     */
    @Test
    void hundredPeersFrozenAtOnceAreAllDroppedWithinTimeoutPlusOneIntervalOfTheirLastPong() throws Exception {
        int peers = 100;
        try (TestPlayer watcher = TestPlayer.guest(base, "watcher")) {
            watcher.connect(watcher.quickPlay());
            List<TestPlayer> accounts = new ArrayList<>();
            List<PeerProcess.Target> targets = PeerProcess.Target.seatedGuests(base, "frozen", peers, accounts);
            Set<UUID> ids = accounts.stream().map(a -> a.playerId).collect(Collectors.toSet());
            try (PeerProcess peer = PeerProcess.startMany(List.of(), base.getHost(), base.getPort(), targets)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> seatedCount(ids) == peers);
                try (DropWatch watch = DropWatch.of(openConnections.listAll(), ids)) {
                    // Alive through more than a whole timeout: all answer the heartbeat, none is dropped.
                    await().during(Duration.ofMillis(FastHeartbeat.TIMEOUT_MS + FastHeartbeat.INTERVAL_MS))
                            .atMost(Duration.ofMillis(FastHeartbeat.TIMEOUT_MS + 3 * FastHeartbeat.INTERVAL_MS))
                            .until(() -> watch.dropped() == 0);

                    peer.freeze();
                    long frozenAt = System.nanoTime();
                    await().atMost(Duration.ofMillis(FastHeartbeat.TIMEOUT_MS + 4 * FastHeartbeat.INTERVAL_MS))
                            .until(() -> watch.dropped() == peers);
                    long[] silence = watch.silenceAtDropMillis();
                    System.out.printf("[measure] %d SIGSTOP peers: silence at drop (since last Pong) %s; "
                            + "dropped after the freeze %s (timeout %d ms, interval %d ms)%n", peers,
                            DropWatch.distribution(silence), DropWatch.distribution(watch.droppedAfterMillis(frozenAt)),
                            FastHeartbeat.TIMEOUT_MS, FastHeartbeat.INTERVAL_MS);
                    assertThat(silence).hasSize(peers);
                    // Sorted: the first is the shortest silence, the last the longest.
                    assertThat(silence[0]).as("shortest silence at drop")
                            .isGreaterThanOrEqualTo(FastHeartbeat.TIMEOUT_MS);
                    assertThat(silence[peers - 1]).as("longest silence at drop")
                            .isLessThanOrEqualTo(FastHeartbeat.TIMEOUT_MS + FastHeartbeat.INTERVAL_MS);
                }
            }
            long tick = watcher.mirror.latestTick();
            await().atMost(Duration.ofSeconds(2)).until(() -> watcher.mirror.latestTick() > tick + 10);
            assertThat(watcher.isClosed()).isFalse();
            assertThat(watcher.mirror.checksumMismatches()).isZero();
        }
    }

    private long seatedCount(Set<UUID> players) {
        return openConnections.listAll().stream().map(c -> c.userData().get(ConnectionLifecycle.PLAYER))
                .filter(p -> p != null && players.contains(p.playerId())).count();
    }

}
