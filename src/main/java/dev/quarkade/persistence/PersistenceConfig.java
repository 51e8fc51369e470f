package dev.quarkade.persistence;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the write-behind queue ({@code quarkade.persistence.*}); docs/persistence.md explains them. */
@ConfigMapping(prefix = "quarkade.persistence")
public interface PersistenceConfig {

    /** Writes held in memory at most; beyond it the oldest is dropped and counted. */
    @WithDefault("100000")
    int queueCapacity();

    /** Writes sent to the database in one transaction at most. */
    @WithDefault("500")
    int batchSize();

    /** How often a batch smaller than batch-size is written. */
    @WithDefault("1s")
    Duration flushInterval();

    /** Wait before the first retry of a batch that failed; it doubles on every failure in a row. */
    @WithDefault("200ms")
    Duration retryMinBackoff();

    /** The longest wait between two retries while the database is unreachable. */
    @WithDefault("30s")
    Duration retryMaxBackoff();

    /**
     * How long a write batch, or the readiness probe, waits for the database before counting the attempt as failed. A
     * paused or hung server accepts connections and queries and never answers; this turns that into a failure and a
     * retry instead of a wait without end.
     */
    @WithDefault("5s")
    Duration databaseTimeout();

    /** How long a graceful shutdown waits for the queue to be written before the process exits. */
    @WithDefault("10s")
    Duration shutdownTimeout();
}
