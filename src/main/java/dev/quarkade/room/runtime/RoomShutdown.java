package dev.quarkade.room.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.room.SavedRoom;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Closes every room when the server stops, on its own event loop, before the container goes away (a tick after that
 * would find no beans): with 1001 "server shutting down", or, in dev mode and when rooms are durable, 1012 "server
 * restarting", since the rooms come back (after the hot reload, or from their last snapshot) and their players should
 * reconnect to them.
 */
@ApplicationScoped
public class RoomShutdown {

    private static final Logger LOG = Logger.getLogger(RoomShutdown.class);
    /** How long a shutdown waits for what observers of {@link RoomLifecycle.Restarting} must finish. */
    static final Duration RESTART_WAIT = Duration.ofSeconds(5);
    /** How long it waits for the rooms' event loops to close them. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final RoomRegistry registry;
    private final RoomTicker ticker;
    private final HotReloadHandover handover;
    private final Event<RoomLifecycle.Restarting> restarting;
    private final boolean durable;

    RoomShutdown(RoomRegistry registry, RoomTicker ticker, HotReloadHandover handover,
            Event<RoomLifecycle.Restarting> restarting, RoomConfig config) {
        this.registry = registry;
        this.ticker = ticker;
        this.handover = handover;
        this.restarting = restarting;
        this.durable = config.durable();
    }

    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        // The shutdown delay comes before the HTTP server stops: the last moment players can be told why.
        drain();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        drain(); // no-op after the delay already drained; the path when no delay is configured
    }

    private void drain() {
        if (registry.isDraining()) {
            return;
        }
        registry.startDraining();
        boolean devMode = LaunchMode.current() == LaunchMode.DEVELOPMENT;
        if (!devMode && !durable) {
            closeAll(CloseCodes.GOING_AWAY, "server shutting down", null);
            return;
        }
        // A dev-mode hot reload, or a stop of a node whose rooms are durable, is a restart: clients should come back
        // in a moment rather than go elsewhere, and find their room, seat and score where they left them.
        Queue<SavedRoom> kept = new ConcurrentLinkedQueue<>();
        Queue<CompletionStage<?>> awaited = new ConcurrentLinkedQueue<>();
        closeAll(CloseCodes.SERVICE_RESTART, "server restarting", entry -> {
            if (devMode) {
                kept.add(entry.room().save());
            }
            restarting.fire(new RoomLifecycle.Restarting(entry, awaited::add));
        });
        if (devMode) {
            handover.keep(List.copyOf(kept));
        }
        await(awaited);
    }

    /** Closes every room with {@code code}, calling {@code beforeClose} (if any) on each room's loop first. */
    private void closeAll(int code, String reason, Consumer<OpenRoom> beforeClose) {
        List<OpenRoom> open = List.copyOf(registry.all());
        CountDownLatch closed = new CountDownLatch(open.size());
        for (OpenRoom entry : open) {
            entry.loop().execute(() -> {
                try {
                    if (!entry.room().isClosed()) {
                        if (beforeClose != null) {
                            beforeClose.accept(entry);
                        }
                        entry.room().close(code, reason);
                    }
                    ticker.stop(entry);
                } finally {
                    closed.countDown();
                }
            });
        }
        try {
            closed.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits, at most {@link #RESTART_WAIT}, for what the observers of the restart asked to wait for. */
    private static void await(Queue<CompletionStage<?>> awaited) {
        if (awaited.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(awaited.stream().map(CompletionStage::toCompletableFuture)
                    .toArray(CompletableFuture[]::new)).get(RESTART_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.infof("Rooms: %d piece(s) of work finished before the restart", awaited.size());
        } catch (TimeoutException e) {
            LOG.warnf("Rooms: work before the restart not all finished within %s", RESTART_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warnf("Rooms: work before the restart failed: %s", e.getMessage());
        }
    }
}
