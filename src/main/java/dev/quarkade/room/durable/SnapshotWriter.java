package dev.quarkade.room.durable;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.quarkade.node.NodeName;
import dev.quarkade.room.Room;
import dev.quarkade.room.SavedRoom;
import dev.quarkade.room.runtime.RoomConfig;
import dev.quarkade.room.runtime.RoomControl;
import dev.quarkade.room.runtime.RoomLifecycle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Snapshots durable rooms to {@link SnapshotStore} every {@code quarkade.room.snapshot-interval}. The capture runs on
 * the room's own event loop between two ticks ({@link Room#save()}, then encoding); the write is a Uni that is
 * subscribed and never awaited, so a slow or absent database never delays a tick. A room whose tick has not moved
 * since its last written snapshot, or whose previous write is still under way, is skipped; a write that failed is
 * simply tried again at the next interval.
 *
 * <p>
 * A write refused because another node now owns the snapshot means that node restored the room, taking this node
 * for dead: this copy is closed ({@link RoomControl#closeMoved}).
 */
@ApplicationScoped
public class SnapshotWriter {

    private static final Logger LOG = Logger.getLogger(SnapshotWriter.class);

    private final SnapshotStore snapshots;
    private final RoomControl control;
    private final boolean durable;
    private final Duration interval;
    private final String owner = NodeName.incarnation();
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final Counter written;
    private final Counter failed;

    SnapshotWriter(SnapshotStore snapshots, RoomControl control, RoomConfig config, MeterRegistry registry) {
        this.snapshots = snapshots;
        this.control = control;
        this.durable = config.durable();
        this.interval = config.snapshotInterval();
        this.written = Counter.builder("quarkade.room.snapshots.written")
                .description("Durable room snapshots written to the database").register(registry);
        this.failed = Counter.builder("quarkade.room.snapshots.failed")
                .description("Durable room snapshot writes that failed (retried at the next interval)")
                .register(registry);
    }

    /** One room being snapshotted. {@code ended} is touched on the room's loop only. */
    private static final class Tracked {
        final Room room;
        ScheduledFuture<?> task;
        boolean ended;
        volatile long savedTick = -1;
        volatile CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);

        Tracked(Room room) {
            this.room = room;
        }
    }

    /** Starts snapshotting a room that opened here, on the event loop it ticks on. */
    void opened(@Observes RoomLifecycle.Opened event) {
        if (!durable) {
            return;
        }
        Tracked t = new Tracked(event.room().room());
        tracked.put(t.room.id(), t);
        long ms = Math.max(1, interval.toMillis());
        t.task = event.room().loop().scheduleAtFixedRate(() -> capture(t), ms, ms, TimeUnit.MILLISECONDS);
    }

    /** The server is stopping: a last snapshot, which the shutdown waits for. */
    void restarting(@Observes RoomLifecycle.Restarting event) {
        if (durable) {
            event.awaitBeforeStop().accept(finalSnapshot(event.room().room()));
        }
    }

    /** The room stopped: its snapshot is kept if it is to come back, else deleted. */
    void stopped(@Observes RoomLifecycle.Stopped event) {
        if (durable) {
            stop(event.room().room(), !event.forGood());
        }
    }

    /**
     * Stops snapshotting {@code room}; with {@code keep} false its snapshot is deleted (after any write still under
     * way, which would otherwise bring it back): the room ended for good. On the room's loop.
     */
    private void stop(Room room, boolean keep) {
        Tracked t = tracked.remove(room.id());
        if (t == null) {
            return;
        }
        t.ended = true;
        t.task.cancel(false);
        if (!keep) {
            t.lastWrite.whenComplete((v, e) -> snapshots.delete(room.id(), owner).subscribe().with(
                    deleted -> LOG.debugf("Snapshot of room %s deleted: %s", room.id(), deleted),
                    failure -> LOG.warnf("Snapshot of ended room %s could not be deleted: %s", room.id(),
                            failure.getMessage())));
        }
    }

    /**
     * Takes a last snapshot of {@code room} and stops snapshotting it, keeping the snapshot: the server is going
     * down and the room is to be restored elsewhere or after the restart. On the room's loop, before it is closed.
     * Completes when the write is done (or failed: it never completes exceptionally).
     */
    private CompletableFuture<Void> finalSnapshot(Room room) {
        Tracked t = tracked.remove(room.id());
        if (t == null) {
            return CompletableFuture.completedFuture(null);
        }
        t.ended = true;
        t.task.cancel(false);
        // Fired at once: if an older write is still under way, the tick guard of the upsert keeps the newest.
        return write(t);
    }

    private void capture(Tracked t) {
        // Nothing may escape: a scheduled task that throws is never run again.
        try {
            if (t.ended || t.room.isClosed() || !t.lastWrite.isDone() || t.room.currentTick() == t.savedTick) {
                return;
            }
            write(t);
        } catch (Throwable e) {
            LOG.errorf(e, "Snapshot of room %s could not be taken", t.room.id());
        }
    }

    /** A refused write: a newer snapshot of ours is stored (harmless), or another node took the room over. */
    private void checkOwner(Tracked t, SavedRoom saved) {
        snapshots.find(saved.id()).subscribe().with(stored -> {
            String other = stored.map(SnapshotStore.Stored::owner).orElse(owner);
            if (!other.equals(owner)) {
                LOG.warnf("Room %s was restored by node %s; the copy here is closed", saved.id(), other);
                control.closeMoved(t.room.id());
            }
        }, failure -> LOG.debugf("Owner of room %s not checked: %s", saved.id(), failure.getMessage()));
    }

    private CompletableFuture<Void> write(Tracked t) {
        SavedRoom saved = t.room.save();
        byte[] body = saved.encode();
        CompletableFuture<Void> done = new CompletableFuture<>();
        t.lastWrite = done;
        snapshots.save(owner, saved, body).subscribe().with(stored -> {
            if (stored) {
                t.savedTick = saved.tick();
                written.increment();
            } else {
                checkOwner(t, saved);
            }
            if (failing.compareAndSet(true, false)) {
                LOG.info("Room snapshots are written again");
            }
            done.complete(null);
        }, failure -> {
            failed.increment();
            if (failing.compareAndSet(false, true)) {
                LOG.warnf("Room snapshots cannot be written (retried every %s): %s", interval, failure.getMessage());
            }
            done.complete(null);
        });
        return done;
    }
}
