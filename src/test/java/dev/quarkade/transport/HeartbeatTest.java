package dev.quarkade.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.quarkade.game.arena.ArenaWorld;
import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.protocol.ServerMessage;
import dev.quarkade.testsupport.ClientMirror;
import dev.quarkade.testsupport.RawWebSocket;
import dev.quarkade.testsupport.TestPlayer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Liveness with real clients: pings, half-open peers, healthy peers, resuming and replacing a seat. */
@QuarkusTest
@TestProfile(FastHeartbeat.class)
class HeartbeatTest {

    @TestHTTPResource("/")
    URI base;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void pingsArriveAtTheConfiguredInterval() throws Exception {
        RawWebSocket silent = rawPlayerInNewRoom("pinged");
        List<Long> pings = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMillis(FastHeartbeat.TIMEOUT_MS - 200).toNanos();
        while (System.nanoTime() < deadline) {
            RawWebSocket.Frame frame = silent.read(200);
            if (frame != null && frame.opcode() == RawWebSocket.PING) {
                pings.add(frame.receivedAtNanos());
            }
        }
        assertThat(pings).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 1; i < pings.size(); i++) {
            long gapMs = (pings.get(i) - pings.get(i - 1)) / 1_000_000;
            assertThat(gapMs).isBetween(FastHeartbeat.INTERVAL_MS / 2, FastHeartbeat.INTERVAL_MS * 3 / 2);
        }
    }

    @Test
    void halfOpenPeerIsClosedWith4000WithinTimeoutPlusOneIntervalAndOthersSeeItDrop() throws Exception {
        TestPlayer watcher = TestPlayer.guest(base, "watcher");
        open.add(watcher);
        String room = watcher.quickPlay();
        watcher.connect(room);
        TestPlayer ghost = TestPlayer.guest(base, "ghost");
        RawWebSocket silent = raw(ghost, room);
        long upgradedAt = System.nanoTime();

        RawWebSocket.Frame close = silent.awaitClose((int) (FastHeartbeat.TIMEOUT_MS + 2 * FastHeartbeat.INTERVAL_MS));

        assertThat(close).as("the server closed the silent connection").isNotNull();
        assertThat(close.closeCode()).isEqualTo(CloseCodes.HEARTBEAT_TIMEOUT);
        assertThat(close.closeReason()).isEqualTo("heartbeat timeout");
        long detectedMs = (close.receivedAtNanos() - upgradedAt) / 1_000_000;
        System.out.printf("[measure] half-open peer closed with 4000 after %d ms (timeout %d ms, interval %d ms)%n",
                detectedMs, FastHeartbeat.TIMEOUT_MS, FastHeartbeat.INTERVAL_MS);
        // The promise is timeout + one interval; the server checks four times per interval, so it keeps it with room to
        // spare for scheduling noise on a loaded machine.
        assertThat(detectedMs).isBetween(FastHeartbeat.TIMEOUT_MS, FastHeartbeat.TIMEOUT_MS + FastHeartbeat.INTERVAL_MS);
        await().atMost(Duration.ofSeconds(2))
                .until(() -> watcher.mirror.livenessOf("ghost") == ServerMessage.RosterEntry.DROPPED);
        assertThat(watcher.mirror.all(ServerMessage.Roster.class)).anyMatch(r -> r.seats().stream()
                .anyMatch(s -> s.name().equals("ghost") && s.liveness() == ServerMessage.RosterEntry.SUSPECT));
    }

    @Test
    void healthyClientIsNeverDroppedAndGetsItsRtt() throws Exception {
        TestPlayer healthy = TestPlayer.guest(base, "healthy");
        open.add(healthy);
        healthy.connect(healthy.quickPlay());
        long until = System.nanoTime() + Duration.ofMillis(2 * FastHeartbeat.TIMEOUT_MS).toNanos();
        await().atMost(Duration.ofMillis(3 * FastHeartbeat.TIMEOUT_MS))
                .until(() -> System.nanoTime() > until || healthy.isClosed());
        assertThat(healthy.isClosed()).isFalse();
        assertThat(healthy.mirror.all(ServerMessage.Roster.class)).allMatch(r -> r.seats().stream()
                .filter(s -> s.playerId().equals(healthy.playerId))
                .allMatch(s -> s.liveness() == ServerMessage.RosterEntry.CONNECTED));
        assertThat(healthy.mirror.lastState().rttMs()).isBetween(0, 1000);
        assertThat(io.restassured.RestAssured.get("/q/metrics").asString())
                .contains("quarkade_player_rtt_seconds_bucket");
    }

    @Test
    void droppedPlayerResumesTheSameSeatWithItsStateWithinTheGrace() throws Exception {
        TestPlayer player = TestPlayer.guest(base, "returner");
        open.add(player);
        String room = player.quickPlay();
        player.connect(room);
        player.awaitWelcome();
        int entity = player.mirror.welcome().entityId();
        for (int i = 0; i < 5; i++) {
            player.move(100, 100);
        }
        player.awaitInputsApplied(Duration.ofSeconds(15));
        int x = player.mirror.world().get(entity, ArenaWorld.PLAYER_X);
        int score = player.mirror.world().get(entity, ArenaWorld.PLAYER_SCORE);
        player.close();

        TestPlayer again = player.sameAccount();
        open.add(again);
        again.connect(room);
        again.awaitWelcome();
        assertThat(again.mirror.welcome().resumed()).isTrue();
        assertThat(again.mirror.welcome().entityId()).isEqualTo(entity);
        assertThat(again.mirror.world().get(entity, ArenaWorld.PLAYER_X)).isEqualTo(x);
        assertThat(again.mirror.world().get(entity, ArenaWorld.PLAYER_SCORE)).isEqualTo(score);
    }

    @Test
    void secondConnectionOfThePlayerReplacesTheFirstWith4001EvenBeforeTheDropIsNoticed() throws Exception {
        TestPlayer first = TestPlayer.guest(base, "twin");
        open.add(first);
        String room = first.quickPlay();
        first.connect(room);
        first.awaitWelcome();
        TestPlayer second = first.sameAccount();
        open.add(second);
        second.connect(room);
        assertThat(first.awaitClose(Duration.ofSeconds(15))).isEqualTo(CloseCodes.REPLACED);
        assertThat(first.closeReason()).isEqualTo("replaced");
        second.awaitWelcome();
        assertThat(second.mirror.welcome().resumed()).isTrue();
        assertThat(second.mirror.welcome().seat()).isEqualTo(first.mirror.welcome().seat());
    }

    @Test
    void failedReconnectWithABadTokenNeitherFreesNorLeaksTheSeat() throws Exception {
        TestPlayer player = TestPlayer.guest(base, "keeper");
        open.add(player);
        String room = player.quickPlay();
        player.connect(room);
        player.awaitWelcome();
        player.close();

        assertThat(TestPlayer.upgradeStatus(base, "/ws/rooms/" + room,
                Map.of("Authorization", "Bearer " + player.accessToken + "x"))).isEqualTo(401);

        TestPlayer again = player.sameAccount();
        open.add(again);
        again.connect(room);
        again.awaitWelcome();
        assertThat(again.mirror.welcome().resumed()).isTrue();
        assertThat(again.mirror.welcome().seat()).isEqualTo(player.mirror.welcome().seat());
    }

    @Test
    void aFloodOfControlFramesIsHeldToTheMessageRateAndClosedWith1008() throws Exception {
        RawWebSocket flood = rawPlayerInNewRoom("pingflood");
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        for (int i = 0; i < 500; i++) {
            burst.write(RawWebSocket.encodeFrame(0x80 | (i % 2 == 0 ? RawWebSocket.PING : RawWebSocket.PONG), true,
                    new byte[] { (byte) i }));
        }
        flood.sendBytes(burst.toByteArray());
        RawWebSocket.Frame close = flood.awaitClose(15_000);
        assertThat(close).as("closed for its Pings and Pongs alone").isNotNull();
        assertThat(close.closeCode()).isEqualTo(CloseCodes.POLICY_VIOLATION);
        assertThat(close.closeReason()).isEqualTo("rate limit exceeded");
    }

    @Test
    void aPongTheServerDidNotAskForMeasuresNoRtt() throws Exception {
        RawWebSocket forger = rawPlayerInNewRoom("forger");
        ClientMirror mirror = new ClientMirror();
        int honestPongs = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (honestPongs < 3 && System.nanoTime() < deadline) {
            RawWebSocket.Frame frame = forger.read(200);
            if (frame == null) {
                continue;
            }
            if (frame.opcode() == RawWebSocket.BINARY) {
                mirror.receive(frame.payload());
            } else if (frame.opcode() == RawWebSocket.PING) {
                // A forged Pong claiming the Ping went out 2.5 s ago (same JVM clock), then the honest answer.
                byte[] forged = ByteBuffer.allocate(Long.BYTES)
                        .putLong(0, System.nanoTime() - Duration.ofMillis(2500).toNanos()).array();
                forger.send(true, RawWebSocket.PONG, forged);
                forger.send(true, RawWebSocket.PONG, frame.payload());
                honestPongs++;
            }
        }
        assertThat(honestPongs).isEqualTo(3);
        long after = System.nanoTime() + Duration.ofMillis(300).toNanos();
        while (System.nanoTime() < after) {
            RawWebSocket.Frame frame = forger.read(100);
            if (frame != null && frame.opcode() == RawWebSocket.BINARY) {
                mirror.receive(frame.payload());
            }
        }
        assertThat(mirror.all(ServerMessage.State.class)).as("states arrived").isNotEmpty()
                .allSatisfy(state -> assertThat(state.rttMs()).isLessThan(2000));
    }

    private RawWebSocket rawPlayerInNewRoom(String name) throws Exception {
        TestPlayer p = TestPlayer.guest(base, name);
        return raw(p, p.quickPlay());
    }

    private RawWebSocket raw(TestPlayer p, String room) throws Exception {
        RawWebSocket ws = RawWebSocket.connect(base.getHost(), base.getPort(), "/ws/rooms/" + room,
                Map.of("Authorization", "Bearer " + p.accessToken));
        open.add(ws);
        assertThat(ws.status()).isEqualTo(101);
        return ws;
    }

}
