package dev.quarkade.persistence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Writes a batch over the reactive PostgreSQL pool (the one Hibernate Reactive uses): all rows of one SQL text go in
 * one pipelined {@code executeBatch}, every text of the batch in one transaction.
 */
@ApplicationScoped
public class SqlBatchWriter implements BatchWriter {

    private final Pool pool;

    public SqlBatchWriter(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Void> write(List<PendingWrite> batch) {
        Map<String, List<Tuple>> bySql = new LinkedHashMap<>();
        for (PendingWrite write : batch) {
            for (PendingWrite.Statement statement : write.statements()) {
                bySql.computeIfAbsent(statement.sql(), sql -> new ArrayList<>()).add(statement.params());
            }
        }
        return pool.withTransaction(connection -> Multi.createFrom().iterable(bySql.entrySet())
                .onItem().transformToUniAndConcatenate(
                        entry -> connection.preparedQuery(entry.getKey()).executeBatch(entry.getValue()))
                .collect().last().replaceWithVoid());
    }

    /** Data exceptions (22), integrity violations (23) and SQL errors (42) fail the same way on every retry. */
    @Override
    public boolean isPermanent(Throwable failure) {
        if (failure instanceof PgException pg && pg.getSqlState() != null) {
            String sqlClass = pg.getSqlState().substring(0, 2);
            return sqlClass.equals("22") || sqlClass.equals("23") || sqlClass.equals("42");
        }
        return false;
    }
}
