package dev.quarkade.persistence;

import java.util.List;

import io.smallrye.mutiny.Uni;

/** Writes one batch of the {@link WriteBehindQueue} in one transaction. */
public interface BatchWriter {

    Uni<Void> write(List<PendingWrite> batch);

    /**
     * Whether {@code failure} will happen again however often the batch is retried (bad data, a broken constraint),
     * as opposed to the database being unreachable or busy.
     */
    boolean isPermanent(Throwable failure);
}
