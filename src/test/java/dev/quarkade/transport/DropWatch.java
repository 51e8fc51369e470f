package dev.quarkade.transport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Watches server-side connections of a set of players, from inside the server's JVM (a {@code @QuarkusTest}), and
 * notes for each the time of its last Pong (as the server recorded it) and when its connection was found closed. It
 * polls every 2 ms: a drop is seen at most one poll late, and no Pong can slip in unseen just before a drop, which
 * needs a whole timeout of silence.
 */
final class DropWatch implements AutoCloseable {

    /** One watched connection: last Pong and drop time in {@link System#nanoTime()}, the drop 0 until seen. */
    private static final class Watched {
        final PlayerConnection player;
        volatile long lastPongNanos;
        volatile long droppedAtNanos;

        Watched(PlayerConnection player) {
            this.player = player;
        }
    }

    private final List<Watched> watched = new ArrayList<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();

    private DropWatch(List<Watched> watched) {
        this.watched.addAll(watched);
        poller.scheduleAtFixedRate(this::poll, 0, 2, TimeUnit.MILLISECONDS);
    }

    /** Starts watching the open connections (of Quarkus's registry) of {@code players}. */
    static DropWatch of(Collection<WebSocketConnection> open, Set<UUID> players) {
        List<Watched> found = new ArrayList<>();
        for (WebSocketConnection connection : open) {
            PlayerConnection player = connection.userData().get(ConnectionLifecycle.PLAYER);
            if (player != null && players.contains(player.playerId())) {
                found.add(new Watched(player));
            }
        }
        if (found.size() != players.size()) {
            throw new AssertionError("found " + found.size() + " of " + players.size() + " connections");
        }
        return new DropWatch(found);
    }

    private void poll() {
        for (Watched w : watched) {
            if (w.droppedAtNanos != 0) {
                continue;
            }
            long now = System.nanoTime();
            if (w.player.connection().isClosed()) {
                w.droppedAtNanos = now; // seen at most one poll after the heartbeat closed it
            } else {
                w.lastPongNanos = now - w.player.liveness().silentFor(now);
            }
        }
    }

    int dropped() {
        return (int) watched.stream().filter(w -> w.droppedAtNanos != 0).count();
    }

    /** For every dropped connection, its silence when the drop was seen: drop time minus last Pong, in ms, sorted. */
    long[] silenceAtDropMillis() {
        return watched.stream().filter(w -> w.droppedAtNanos != 0)
                .mapToLong(w -> TimeUnit.NANOSECONDS.toMillis(w.droppedAtNanos - w.lastPongNanos)).sorted().toArray();
    }

    /** For every dropped connection, the time from {@code sinceNanos} to its drop, in ms, sorted. */
    long[] droppedAfterMillis(long sinceNanos) {
        return watched.stream().filter(w -> w.droppedAtNanos != 0)
                .mapToLong(w -> TimeUnit.NANOSECONDS.toMillis(w.droppedAtNanos - sinceNanos)).sorted().toArray();
    }

    /** min / median / p90 / p99 / max of sorted values, for the test's report. */
    static String distribution(long[] sorted) {
        if (sorted.length == 0) {
            return "none";
        }
        return String.format("min %d, median %d, p90 %d, p99 %d, max %d ms (n=%d)", sorted[0],
                sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.9)],
                sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))], sorted[sorted.length - 1],
                sorted.length);
    }

    static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
