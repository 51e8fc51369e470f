package dev.quarkade.transport;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.room.Liveness;
import dev.quarkade.room.RoomCommand;
import dev.quarkade.room.runtime.HeartbeatConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * Detects dead players from the transport, so rooms only hear "suspect", "dropped" and "back". Every
 * {@code quarkade.heartbeat.interval} each connection gets a WebSocket Ping carrying the send time; its Pong gives
 * the RTT (only a Pong echoing a Ping the server sent: any other Pong shows the peer alive but measures nothing). A connection
 * that missed a Pong is suspect; one silent for {@code quarkade.heartbeat.timeout} is closed
 * with 4000 and its player dropped at once, without waiting for TCP to notice: a half-open peer never would.
 */
@ApplicationScoped
public class Heartbeat {

    private final Vertx vertx;
    private final long intervalNanos;
    private final long timeoutNanos;
    private final Timer rtt;
    private final Map<String, Tracked> connections = new ConcurrentHashMap<>();
    private static final int CHECKS_PER_INTERVAL = 4;
    private long timerId = -1;
    private long beats;

    /** A connection the heartbeat watches. */
    private record Tracked(WebSocketConnection connection, PlayerConnection player) {
    }

    public Heartbeat(Vertx vertx, HeartbeatConfig config, MeterRegistry registry) {
        this.vertx = vertx;
        this.intervalNanos = config.interval().toNanos();
        this.timeoutNanos = config.timeout().toNanos();
        this.rtt = Timer.builder("quarkade.player.rtt")
                .description("Round-trip time of WebSocket Ping/Pong per player connection")
                .publishPercentileHistogram()
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        // Silence is checked four times per interval, so a dead peer is closed at most a quarter interval after the
        // timeout (well within the promised timeout + one interval); Pings still go out once per interval.
        long checkMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(intervalNanos) / CHECKS_PER_INTERVAL);
        timerId = vertx.setPeriodic(checkMillis, id -> beat(System.nanoTime(), ++beats % CHECKS_PER_INTERVAL == 0));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    void watch(WebSocketConnection connection, PlayerConnection player) {
        connections.put(connection.id(), new Tracked(connection, player));
    }

    void forget(WebSocketConnection connection) {
        connections.remove(connection.id());
    }

    /** A Pong arrived: its payload is the send time of the Ping it answers, when it answers one of ours. */
    void ponged(PlayerConnection player, Buffer payload) {
        long now = System.nanoTime();
        player.liveness().ponged(now);
        if (payload.length() == Long.BYTES && player.liveness().sentPing(payload.getLong(0))) {
            long rttNanos = now - payload.getLong(0);
            if (rttNanos >= 0 && rttNanos < timeoutNanos) {
                rtt.record(rttNanos, TimeUnit.NANOSECONDS);
                player.channel().rttMillis((int) TimeUnit.NANOSECONDS.toMillis(rttNanos));
            }
        }
        if (player.liveness().moveTo(Liveness.CONNECTED)) {
            player.room().submit(new RoomCommand.LivenessChanged(player.channel(), Liveness.CONNECTED));
        }
    }

    private void beat(long now, boolean sendPings) {
        for (Tracked tracked : connections.values()) {
            PlayerConnection player = tracked.player();
            long silent = player.liveness().silentFor(now);
            if (silent >= timeoutNanos) {
                drop(tracked);
                continue;
            }
            // Silent for more than one interval: the last Ping went unanswered.
            if (silent > intervalNanos + intervalNanos / 4 && player.liveness().moveTo(Liveness.SUSPECT)) {
                player.room().submit(new RoomCommand.LivenessChanged(player.channel(), Liveness.SUSPECT));
            }
            if (sendPings) {
                ping(tracked, now);
            }
        }
    }

    private static void ping(Tracked tracked, long now) {
        tracked.player().liveness().pinged(now);
        tracked.connection().sendPing(Buffer.buffer(ByteBuffer.allocate(Long.BYTES).putLong(0, now).array()))
                .subscribe().with(sent -> {
                }, failed -> {
                });
    }

    private void drop(Tracked tracked) {
        connections.remove(tracked.connection().id());
        PlayerConnection player = tracked.player();
        player.liveness().moveTo(Liveness.DROPPED);
        player.room().submit(new RoomCommand.Disconnected(player.channel()));
        ServerClose.close(tracked.connection(), CloseCodes.HEARTBEAT_TIMEOUT, "heartbeat timeout");
    }
}
