package dev.quarkade.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Tuple;

/** The queue on its own, with a writer that stands in for the database. */
class WriteBehindQueueTest {

    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Integer> written = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeVertx() {
        vertx.close();
    }

    /** A numbered write; the number is all the fake writer looks at. */
    record Numbered(int n) implements PendingWrite {
        @Override
        public List<Statement> statements() {
            return List.of(new Statement("write " + n, Tuple.of(n)));
        }
    }

    /** A database that fails {@code outage} times in a row, then takes everything; it refuses write 13 for good. */
    private final class FakeDatabase implements BatchWriter {
        final AtomicInteger outage;

        FakeDatabase(int outage) {
            this.outage = new AtomicInteger(outage);
        }

        @Override
        public Uni<Void> write(List<PendingWrite> batch) {
            if (outage.getAndDecrement() > 0) {
                return Uni.createFrom().failure(new IllegalStateException("connection refused"));
            }
            if (batch.contains(new Numbered(13))) {
                return Uni.createFrom().failure(new IllegalArgumentException("constraint violated"));
            }
            batch.forEach(w -> written.add(((Numbered) w).n()));
            return Uni.createFrom().voidItem();
        }

        @Override
        public boolean isPermanent(Throwable failure) {
            return failure instanceof IllegalArgumentException;
        }
    }

    private WriteBehindQueue queue(int capacity, int batchSize, BatchWriter writer) {
        return new WriteBehindQueue(vertx, writer, new PersistenceConfig() {
            public int queueCapacity() {
                return capacity;
            }

            public int batchSize() {
                return batchSize;
            }

            public Duration flushInterval() {
                return Duration.ofMillis(20);
            }

            public Duration retryMinBackoff() {
                return Duration.ofMillis(5);
            }

            public Duration retryMaxBackoff() {
                return Duration.ofMillis(40);
            }

            public Duration databaseTimeout() {
                return Duration.ofMillis(100);
            }

            public Duration shutdownTimeout() {
                return Duration.ofSeconds(5);
            }
        }, registry);
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    @Test
    void fullQueueDropsTheOldestWritesAndCountsThem() {
        WriteBehindQueue queue = queue(3, 10, new FakeDatabase(0));
        IntStream.rangeClosed(1, 5).forEach(n -> queue.submit(new Numbered(n))); // not started: nothing drains yet

        assertThat(queue.pending()).isEqualTo(3);
        assertThat(counter("quarkade.persistence.dropped")).isEqualTo(2);
        assertThat(registry.get("quarkade.persistence.queue.size").gauge().value()).isEqualTo(3);

        queue.start();
        assertThat(queue.flush(Duration.ofSeconds(5))).isZero();
        assertThat(written).containsExactly(3, 4, 5);
    }

    @Test
    void failedBatchesAreRetriedUntilTheDatabaseTakesThemInOrder() {
        WriteBehindQueue queue = queue(1000, 4, new FakeDatabase(5));
        queue.start();
        IntStream.rangeClosed(1, 10).forEach(n -> queue.submit(new Numbered(n)));

        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 10);
        assertThat(written).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(counter("quarkade.persistence.retries")).isEqualTo(5);
        assertThat(counter("quarkade.persistence.dropped")).isZero();
        assertThat(counter("quarkade.persistence.written")).isEqualTo(10);
    }

    @Test
    void writeTheDatabaseRefusesIsRejectedAloneAndTheRestOfItsBatchIsWritten() {
        WriteBehindQueue queue = queue(1000, 5, new FakeDatabase(0));
        IntStream.rangeClosed(11, 16).forEach(n -> queue.submit(new Numbered(n)));
        queue.start();

        assertThat(queue.flush(Duration.ofSeconds(5))).isZero();
        assertThat(written).containsExactly(11, 12, 14, 15, 16);
        assertThat(counter("quarkade.persistence.rejected")).isEqualTo(1);
    }

    @Test
    void aBatchTheDatabaseNeverAnswersTimesOutAndIsRetried() {
        AtomicInteger hangs = new AtomicInteger(2);
        BatchWriter hungThenBack = new BatchWriter() {
            final FakeDatabase database = new FakeDatabase(0);

            @Override
            public Uni<Void> write(List<PendingWrite> batch) {
                // A paused server: the query is sent and nothing ever comes back.
                return hangs.getAndDecrement() > 0 ? Uni.createFrom().nothing() : database.write(batch);
            }

            @Override
            public boolean isPermanent(Throwable failure) {
                return database.isPermanent(failure);
            }
        };
        WriteBehindQueue queue = queue(1000, 10, hungThenBack);
        queue.start();
        IntStream.rangeClosed(1, 3).forEach(n -> queue.submit(new Numbered(n)));

        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 3);
        assertThat(written).containsExactly(1, 2, 3);
        assertThat(counter("quarkade.persistence.retries")).isEqualTo(2);
    }

    @Test
    void flushWaitsForTheBacklogOnceTheDatabaseReturns() {
        WriteBehindQueue queue = queue(1000, 2, new FakeDatabase(3));
        queue.start();
        IntStream.rangeClosed(1, 7).forEach(n -> queue.submit(new Numbered(n)));

        assertThat(queue.flush(Duration.ofSeconds(5))).isZero();
        assertThat(written).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }
}
