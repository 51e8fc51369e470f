package dev.quarkade.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.quarkade.testsupport.RawWebSocket;
import dev.quarkade.testsupport.TestPlayer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * A client that stops reading (a frozen process looks the same to the server: its kernel acknowledges until its
 * receive buffer is full, then advertises a zero window). What the server has not written to it yet must stay
 * bounded for the whole heartbeat window: the room stops queueing state frames once
 * {@code quarkade.room.max-frames-in-flight} are unwritten, and the next delta from the acknowledged baseline carries
 * what was skipped. Measured as the bytes waiting in the connection's Netty outbound buffer, from inside the server.
 */
@QuarkusTest
@TestProfile(SlowReaderTest.LongHeartbeat.class)
class SlowReaderTest {

    static final long TIMEOUT_MS = 14_000;

    /**
     * A heartbeat window long enough for a stalled connection to pile up frames, were they not skipped, and an arena
     * with 3000 orbs: a client that never acknowledges gets the full state every tick, tens of kilobytes here, so
     * the stall fills the kernel's buffers (megabytes on loopback) within seconds and reaches the server's queue.
     */
    public static class LongHeartbeat implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkade.heartbeat.interval", "1s", "quarkade.heartbeat.timeout", TIMEOUT_MS + "ms",
                    "quarkade.arena.orbs", "3000");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    io.quarkus.websockets.next.OpenConnections openConnections;

    @Inject
    WebSocketConfig websocketConfig;

    @Test
    void aClientThatStopsReadingNeverGrowsTheServersQueueBeyondAFewFrames() throws Exception {
        try (TestPlayer watcher = TestPlayer.guest(base, "watcher")) {
            String room = watcher.quickPlay();
            watcher.connect(room).awaitWelcome();
            TestPlayer stalled = TestPlayer.guest(base, "stalled");
            // A 4 KiB receive buffer: the server feels the stall after a few kilobytes, not the megabytes a default
            // loopback socket would swallow first.
            try (RawWebSocket socket = RawWebSocket.connect(base.getHost(), base.getPort(), "/ws/rooms/" + room,
                    Map.of("Authorization", "Bearer " + stalled.accessToken), 4096)) {
                assertThat(socket.status()).isEqualTo(101);
                // Half a second of reading to learn how large a full state is, then never read again, nor answer a Ping.
                // A message over 16 KiB comes in several WebSocket frames: sizes are counted per message.
                int largestMessage = 0;
                int message = 0;
                long readUntil = System.nanoTime() + 500_000_000L;
                while (System.nanoTime() < readUntil) {
                    RawWebSocket.Frame frame = socket.read(100);
                    if (frame != null && (frame.opcode() == RawWebSocket.BINARY
                            || frame.opcode() == RawWebSocket.CONTINUATION)) {
                        message += frame.payload().length + 14;
                        if (frame.fin()) {
                            largestMessage = Math.max(largestMessage, message);
                            message = 0;
                        }
                    }
                }
                // What may wait for this connection: the states in flight, one more being handed over, pings, rosters.
                long bound = (websocketConfig.maxFramesInFlight() + 1L) * largestMessage + 4096;
                WebSocketConnection connection = await().atMost(Duration.ofSeconds(5))
                        .until(() -> openConnections.stream().filter(c -> {
                            PlayerConnection p = c.userData().get(ConnectionLifecycle.PLAYER);
                            return p != null && p.playerId().equals(stalled.playerId);
                        }).findFirst().orElse(null), c -> c != null);
                PlayerConnection player = connection.userData().get(ConnectionLifecycle.PLAYER);
                Channel channel = ((ConnectionBase) connection.userData().get(HandshakeCheck.HTTP_CONNECTION)).channel();

                long startTick = watcher.mirror.latestTick();
                long start = System.nanoTime();
                AtomicLong maxQueued = new AtomicLong();
                AtomicBoolean skipped = new AtomicBoolean();
                // Sampled through most of the heartbeat window, until shortly before the timeout drops it.
                await().during(Duration.ofMillis(TIMEOUT_MS - 2000)).atMost(Duration.ofMillis(TIMEOUT_MS))
                        .pollInterval(Duration.ofMillis(20)).until(() -> {
                            ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
                            long queued = out == null ? 0 : out.totalPendingWriteBytes();
                            maxQueued.accumulateAndGet(queued, Math::max);
                            if (!player.channel().isWritable()) {
                                skipped.set(true);
                            }
                            return queued <= bound && connection.isOpen();
                        });
                long ticks = watcher.mirror.latestTick() - startTick;
                long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                System.out.printf("[measure] client not reading for %d s (%d ticks of %d-byte states): at most %d "
                        + "bytes queued for it on the server (bound %d; %d without skipping), state frames skipped: "
                        + "%s%n", seconds, ticks, largestMessage, maxQueued.get(), bound, ticks * largestMessage,
                        skipped.get());
                // The stall really reached the server (otherwise the bound proves nothing)...
                assertThat(skipped).as("the room saw the connection unwritable and skipped it").isTrue();
                assertThat(maxQueued.get()).isPositive();
                assertThat(ticks * largestMessage).as("what the window would have queued unbounded")
                        .isGreaterThan(4 * bound);
                // ...and the room played on for the watcher.
                assertThat(ticks).isGreaterThan(seconds * 20);
                assertThat(watcher.isClosed()).isFalse();
            }
        }
    }
}
