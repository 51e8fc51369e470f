package dev.quarkade.persistence;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Audit and match records on their way to the database. {@link #submit} only appends to a bounded in-memory queue,
 * so neither a tick nor a socket ever waits on I/O; one drain loop on its own Vert.x context writes the queue in
 * batches (a full batch at once, a partial one every flush interval).
 *
 * <p>
 * A batch that fails is put back at the head and retried with exponential back-off: while the database is down the
 * queue grows, and when it returns the backlog is written in order. Only when the queue is full is anything lost: the
 * oldest write is dropped and counted in {@code quarkade.persistence.dropped}. A batch the database refuses for its
 * content (a broken constraint) is retried one write at a time, so one bad write is rejected (counted in
 * {@code quarkade.persistence.rejected}) without holding back the others.
 */
@ApplicationScoped
public class WriteBehindQueue {

    private static final Logger LOG = Logger.getLogger(WriteBehindQueue.class);

    private final Vertx vertx;
    private final BatchWriter writer;
    private final PersistenceConfig config;
    private final ArrayDeque<PendingWrite> queue = new ArrayDeque<>();
    private final Object lock = new Object();
    private final Counter dropped;
    private final Counter written;
    private final Counter retries;
    private final Counter rejected;

    // Everything below is touched only on the drain context, except inFlight (read by flush under the lock).
    private Context context;
    private long periodicTimer = -1;
    private boolean writing;
    private boolean backingOff;
    private long backoffMs;
    private int failuresInRow;
    private int isolate;
    private int inFlight;

    public WriteBehindQueue(Vertx vertx, BatchWriter writer, PersistenceConfig config, MeterRegistry registry) {
        this.vertx = vertx;
        this.writer = writer;
        this.config = config;
        this.dropped = Counter.builder("quarkade.persistence.dropped")
                .description("Writes dropped, oldest first, because the write-behind queue was full")
                .register(registry);
        this.written = Counter.builder("quarkade.persistence.written")
                .description("Writes committed to the database").register(registry);
        this.retries = Counter.builder("quarkade.persistence.retries")
                .description("Batches that failed and were put back to be retried").register(registry);
        this.rejected = Counter.builder("quarkade.persistence.rejected")
                .description("Writes the database refused for their content (never retried)").register(registry);
        Gauge.builder("quarkade.persistence.queue.size", this, WriteBehindQueue::pending)
                .description("Writes waiting in the write-behind queue, the batch being written included")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        // An embedded server stops in a JVM shutdown hook, which runs alongside ours: it must wait for the flush.
        EmbeddedDatabase.holdShutdown();
        start();
    }

    /** Starts the drain loop on a new Vert.x context; call from a thread that is not a Vert.x thread. */
    public void start() {
        context = vertx.getOrCreateContext();
        context.runOnContext(v -> periodicTimer = vertx.setPeriodic(config.flushInterval().toMillis(),
                id -> drain()));
    }

    /** Queues a write; never blocks. When the queue is full the oldest waiting write is dropped. */
    public void submit(PendingWrite write) {
        int droppedNow = 0;
        int size;
        synchronized (lock) {
            while (queue.size() >= config.queueCapacity()) {
                queue.pollFirst();
                droppedNow++;
            }
            queue.addLast(write);
            size = queue.size();
        }
        countDropped(droppedNow);
        if (size >= config.batchSize() && context != null) {
            context.runOnContext(v -> drain());
        }
    }

    /** Writes waiting or being written. */
    public int pending() {
        synchronized (lock) {
            return queue.size() + inFlight;
        }
    }

    /**
     * Graceful shutdown: after rooms have closed their connections (default observer priority) the queue is written
     * out, waiting at most {@code quarkade.persistence.shutdown-timeout}.
     */
    void onShutdown(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) ShutdownEvent event) {
        try {
            int left = flush(config.shutdownTimeout());
            if (left > 0) {
                LOG.warnf("Shutting down with %d writes not written: the database did not take them in %s", left,
                        config.shutdownTimeout());
            }
            if (context != null) {
                context.runOnContext(v -> vertx.cancelTimer(periodicTimer));
            }
        } finally {
            EmbeddedDatabase.releaseShutdown();
        }
    }

    /** Writes everything queued now, waiting at most {@code timeout}; answers how many writes are still pending. */
    public int flush(Duration timeout) {
        if (context == null) {
            return pending();
        }
        context.runOnContext(v -> drain());
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            long leftMs;
            while (queue.size() + inFlight > 0 && (leftMs = (deadline - System.nanoTime()) / 1_000_000) > 0) {
                try {
                    lock.wait(leftMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return queue.size() + inFlight;
        }
    }

    private void drain() {
        if (writing || backingOff) {
            return;
        }
        List<PendingWrite> batch = take(isolate > 0 ? 1 : config.batchSize());
        if (batch.isEmpty()) {
            return;
        }
        writing = true;
        // A hung database (paused, or a half-open socket) would never answer: time out, put the batch back, retry.
        // Should the timed-out transaction commit after all, the retry is harmless: every write is idempotent.
        writer.write(batch).ifNoItem().after(config.databaseTimeout()).fail().subscribe().with(
                done -> context.runOnContext(v -> succeeded(batch)),
                failure -> context.runOnContext(v -> failed(batch, failure)));
    }

    private List<PendingWrite> take(int max) {
        synchronized (lock) {
            List<PendingWrite> batch = new ArrayList<>(Math.min(max, queue.size()));
            while (batch.size() < max && !queue.isEmpty()) {
                batch.add(queue.pollFirst());
            }
            inFlight = batch.size();
            return batch;
        }
    }

    private void succeeded(List<PendingWrite> batch) {
        if (failuresInRow > 0) {
            LOG.infof("The database takes writes again after %d failed attempts; %d writes waiting", failuresInRow,
                    pending() - batch.size());
        }
        failuresInRow = 0;
        backoffMs = 0;
        if (isolate > 0) {
            isolate--;
        }
        written.increment(batch.size());
        finished();
        drain(); // a backlog is written batch after batch, not one batch per flush interval
    }

    private void failed(List<PendingWrite> batch, Throwable failure) {
        if (writer.isPermanent(failure)) {
            if (batch.size() == 1) {
                rejected.increment();
                isolate = Math.max(0, isolate - 1);
                LOG.errorf("The database refused a write, which is dropped: %s (%s)", failure.getMessage(),
                        batch.get(0).statements().get(0).sql());
                finished();
            } else {
                // Find the bad write: the next batch.size() writes go one per transaction.
                isolate = batch.size();
                putBack(batch);
            }
            drain();
            return;
        }
        putBack(batch);
        retries.increment();
        failuresInRow++;
        backoffMs = backoffMs == 0 ? config.retryMinBackoff().toMillis()
                : Math.min(backoffMs * 2, config.retryMaxBackoff().toMillis());
        if (failuresInRow == 1) {
            LOG.warnf("Cannot write to the database (%s); %d writes wait, retrying with back-off up to %s",
                    failure.getMessage(), pending(), config.retryMaxBackoff());
        } else {
            LOG.debugf("Write attempt %d failed: %s", failuresInRow, failure.getMessage());
        }
        backingOff = true;
        vertx.setTimer(Math.max(1, backoffMs), id -> {
            backingOff = false;
            drain();
        });
    }

    /** A failed batch goes back to the head, in its order; if that overfills the queue its oldest writes go. */
    private void putBack(List<PendingWrite> batch) {
        int droppedNow = 0;
        synchronized (lock) {
            for (int i = batch.size() - 1; i >= 0; i--) {
                queue.addFirst(batch.get(i));
            }
            while (queue.size() > config.queueCapacity()) {
                queue.pollFirst();
                droppedNow++;
            }
            inFlight = 0;
        }
        writing = false;
        countDropped(droppedNow);
    }

    private void finished() {
        synchronized (lock) {
            inFlight = 0;
            lock.notifyAll();
        }
        writing = false;
    }

    private void countDropped(int count) {
        if (count > 0) {
            if (dropped.count() == 0) {
                LOG.warnf("The write-behind queue is full (%d): dropping the oldest writes", config.queueCapacity());
            }
            dropped.increment(count);
        }
    }
}
