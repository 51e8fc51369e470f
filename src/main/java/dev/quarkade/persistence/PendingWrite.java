package dev.quarkade.persistence;

import java.util.List;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Something to write later through the {@link WriteBehindQueue}: one or more SQL statements that belong together
 * (dropped together, written in the same transaction).
 *
 * <p>
 * Statements must be idempotent (upserts, {@code ON CONFLICT DO NOTHING}) and must not depend on the order of other
 * writes in the same batch: a batch whose commit was not acknowledged is written again, and a batch runs its
 * statements grouped by SQL text, in the order each text first appears.
 */
public interface PendingWrite {

    List<Statement> statements();

    /** One parameterised statement. */
    record Statement(String sql, Tuple params) {
    }
}
