package dev.quarkade.room;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.quarkade.ops.NodeName;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;

/**
 * Snapshots durable rooms to {@link RoomSnapshots} every {@code quarkade.room.snapshot-interval}. The capture runs on
 * the room's own event loop between two ticks ({@link Room#carryOver()}, then encoding); the write is a Uni that is
 * subscribed and never awaited, so a slow or absent database never delays a tick. A room whose tick has not moved
 * since its last written snapshot, or whose previous write is still under way, is skipped; a write that failed is
 * simply tried again at the next interval.
 *
 * <p>
 * A write refused because another node now owns the snapshot means that node restored the room, taking this node
 * for dead: this copy is handed to the {@code takenOver} callback of {@link #start}, which closes it.
 */
@ApplicationScoped
public class SnapshotWriter {

    private static final Logger LOG = Logger.getLogger(SnapshotWriter.class);

    private final RoomSnapshots snapshots;
    private final Duration interval;
    private final String owner = NodeName.incarnation();
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final Counter written;
    private final Counter failed;

    public SnapshotWriter(RoomSnapshots snapshots, RoomConfig config, MeterRegistry registry) {
        this.snapshots = snapshots;
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
        final Consumer<Room> takenOver;
        ScheduledFuture<?> task;
        boolean ended;
        volatile long savedTick = -1;
        volatile CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);

        Tracked(Room room, Consumer<Room> takenOver) {
            this.room = room;
            this.takenOver = takenOver;
        }
    }

    /**
     * Starts snapshotting {@code room} on {@code loop}, the event loop it ticks on. {@code takenOver} is called (on
     * any thread) if another node turns out to own the room's snapshot.
     */
    void start(Room room, EventLoop loop, Consumer<Room> takenOver) {
        Tracked t = new Tracked(room, takenOver);
        tracked.put(room.id(), t);
        long ms = Math.max(1, interval.toMillis());
        t.task = loop.scheduleAtFixedRate(() -> capture(t), ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops snapshotting {@code room}; with {@code keep} false its snapshot is deleted (after any write still under
     * way, which would otherwise bring it back): the room ended for good. On the room's loop.
     */
    void stop(Room room, boolean keep) {
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
    CompletableFuture<Void> finalSnapshot(Room room) {
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
    private void checkOwner(Tracked t, CarriedRoom carried) {
        snapshots.find(carried.id()).subscribe().with(stored -> {
            String other = stored.map(RoomSnapshots.Stored::owner).orElse(owner);
            if (!other.equals(owner)) {
                LOG.warnf("Room %s was restored by node %s; the copy here is closed", carried.id(), other);
                t.takenOver.accept(t.room);
            }
        }, failure -> LOG.debugf("Owner of room %s not checked: %s", carried.id(), failure.getMessage()));
    }

    private CompletableFuture<Void> write(Tracked t) {
        CarriedRoom carried = t.room.carryOver();
        byte[] body = carried.encode();
        CompletableFuture<Void> done = new CompletableFuture<>();
        t.lastWrite = done;
        snapshots.save(owner, carried, body).subscribe().with(saved -> {
            if (saved) {
                t.savedTick = carried.tick();
                written.increment();
            } else {
                checkOwner(t, carried);
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
