package dev.quarkade.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.quarkade.protocol.ServerMessage;
import dev.quarkade.testsupport.PeerProcess;
import dev.quarkade.testsupport.TestPlayer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A true half-open connection: the peer runs in its own network namespace, reached over a veth pair, and the link is
 * taken down under it. Neither side sees a FIN or a reset; the server's writes vanish. Needs root and iproute2, so it
 * only runs with {@code -Pfaults}; the namespace and the link are removed afterwards.
 */
@Tag("faults")
@QuarkusTest
@TestProfile(NetworkPartitionTest.AllInterfaces.class)
class NetworkPartitionTest {

    private static final String NS = "qk-halfopen";
    private static final String HOST_END = "qk-host0";
    private static final String PEER_END = "qk-peer0";
    private static final String HOST_IP = "10.231.7.1";

    /** The fast heartbeat of {@link FastHeartbeat}, listening beyond localhost so the namespace can reach us. */
    public static class AllInterfaces extends FastHeartbeat {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("quarkus.http.host", "0.0.0.0");
            return overrides;
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    io.quarkus.websockets.next.OpenConnections openConnections;

    @BeforeEach
    void createNamespace() throws Exception {
        removeNamespace();
        ip("netns", "add", NS);
        ip("link", "add", HOST_END, "type", "veth", "peer", "name", PEER_END);
        ip("link", "set", PEER_END, "netns", NS);
        ip("addr", "add", HOST_IP + "/30", "dev", HOST_END);
        ip("link", "set", HOST_END, "up");
        ip("netns", "exec", NS, "ip", "addr", "add", "10.231.7.2/30", "dev", PEER_END);
        ip("netns", "exec", NS, "ip", "link", "set", PEER_END, "up");
        ip("netns", "exec", NS, "ip", "link", "set", "lo", "up");
    }

    @AfterEach
    void removeNamespace() throws Exception {
        run(List.of("ip", "link", "del", HOST_END), false);
        run(List.of("ip", "netns", "del", NS), false);
    }

    @Test
    void peerBehindALinkTakenDownIsDroppedWithinTimeoutPlusOneInterval() throws Exception {
        try (TestPlayer watcher = TestPlayer.guest(base, "watcher")) {
            String room = watcher.quickPlay();
            watcher.connect(room);
            TestPlayer remote = TestPlayer.guest(base, "remote");
            try (PeerProcess peer = PeerProcess.start(List.of("ip", "netns", "exec", NS), HOST_IP, base.getPort(),
                    "/ws/rooms/" + room, remote.accessToken)) {
                // Alive through more than a whole timeout: it answers the heartbeat, so it stays connected throughout.
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> watcher.mirror.livenessOf("remote") == ServerMessage.RosterEntry.CONNECTED);
                await().during(Duration.ofMillis(FastHeartbeat.TIMEOUT_MS + FastHeartbeat.INTERVAL_MS))
                        .atMost(Duration.ofMillis(FastHeartbeat.TIMEOUT_MS + 3 * FastHeartbeat.INTERVAL_MS))
                        .until(() -> watcher.mirror.livenessOf("remote") == ServerMessage.RosterEntry.CONNECTED);

                ip("link", "set", HOST_END, "down");
                long cutAt = System.nanoTime();
                await().atMost(Duration.ofMillis(FastHeartbeat.TIMEOUT_MS + 3 * FastHeartbeat.INTERVAL_MS))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> watcher.mirror.livenessOf("remote") == ServerMessage.RosterEntry.DROPPED);
                long detectedMs = (System.nanoTime() - cutAt) / 1_000_000;
                System.out.printf("[measure] peer behind a downed veth link dropped %d ms after the cut%n", detectedMs);
                assertThat(detectedMs).isBetween(FastHeartbeat.TIMEOUT_MS - FastHeartbeat.INTERVAL_MS,
                        FastHeartbeat.TIMEOUT_MS + FastHeartbeat.INTERVAL_MS);
            }
            long tick = watcher.mirror.latestTick();
            await().atMost(Duration.ofSeconds(2)).until(() -> watcher.mirror.latestTick() > tick + 10);
        }
    }

    /**
     * A hundred connections from the namespace (one process, 25 rooms), then the link taken down under all of them:
     * each is dropped within timeout plus one interval of its own last Pong, as the server saw it.
     */
    @Test
    void hundredPeersBehindALinkTakenDownAreAllDroppedWithinTimeoutPlusOneIntervalOfTheirLastPong() throws Exception {
        int peers = 100;
        List<TestPlayer> accounts = new ArrayList<>();
        List<PeerProcess.Target> targets = PeerProcess.Target.seatedGuests(base, "remote", peers, accounts);
        Set<UUID> ids = accounts.stream().map(a -> a.playerId).collect(Collectors.toSet());
        try (PeerProcess peer = PeerProcess.startMany(List.of("ip", "netns", "exec", NS), HOST_IP, base.getPort(),
                targets)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> openConnections.stream()
                    .map(c -> c.userData().get(ConnectionLifecycle.PLAYER))
                    .filter(p -> p != null && ids.contains(p.playerId())).count() == peers);
            try (DropWatch watch = DropWatch.of(openConnections.listAll(), ids)) {
                await().during(Duration.ofMillis(FastHeartbeat.TIMEOUT_MS + FastHeartbeat.INTERVAL_MS))
                        .atMost(Duration.ofMillis(FastHeartbeat.TIMEOUT_MS + 3 * FastHeartbeat.INTERVAL_MS))
                        .until(() -> watch.dropped() == 0);

                ip("link", "set", HOST_END, "down");
                long cutAt = System.nanoTime();
                await().atMost(Duration.ofMillis(FastHeartbeat.TIMEOUT_MS + 4 * FastHeartbeat.INTERVAL_MS))
                        .until(() -> watch.dropped() == peers);
                long[] silence = watch.silenceAtDropMillis();
                System.out.printf("[measure] %d peers behind a downed veth link: silence at drop (since last Pong) %s;"
                        + " dropped after the cut %s%n", peers, DropWatch.distribution(silence),
                        DropWatch.distribution(watch.droppedAfterMillis(cutAt)));
                assertThat(silence).hasSize(peers);
                // Sorted: the first is the shortest silence, the last the longest.
                assertThat(silence[0]).as("shortest silence at drop")
                        .isGreaterThanOrEqualTo(FastHeartbeat.TIMEOUT_MS);
                assertThat(silence[peers - 1]).as("longest silence at drop")
                        .isLessThanOrEqualTo(FastHeartbeat.TIMEOUT_MS + FastHeartbeat.INTERVAL_MS);
            }
        }
    }

    private static void ip(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        run(command, true);
    }

    private static void run(List<String> command, boolean mustSucceed) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS) || (mustSucceed && p.exitValue() != 0)) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }
}
