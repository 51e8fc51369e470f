package dev.quarkade.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes what the database must not keep for ever: connection records past {@code quarkade.retention.connection-events}
 * and guest accounts idle past {@code quarkade.retention.guest-idle} that never played a match (their sessions,
 * refresh tokens, stats and connection records go with them, by the schema's cascades). A guest in match history is
 * kept, so no match record loses a player.
 *
 * <p>
 * Runs every {@code quarkade.retention.interval} on a Vert.x timer, never on a room's tick: each statement deletes at
 * most {@code batch-size} rows through an index (V9), so a run holds no long transaction, and a run still going when
 * the next is due is not started twice. Every node of a cluster runs it; the deletes are idempotent.
 */
@ApplicationScoped
public class DataRetention {

    private static final Logger LOG = Logger.getLogger(DataRetention.class);
    private static final int MAX_BATCHES_PER_RUN = 10;

    static final String DELETE_CONNECTION_EVENTS = """
            DELETE FROM connection_events WHERE id IN (
                SELECT id FROM connection_events WHERE closed_at IS NOT NULL AND closed_at < $1 LIMIT $2)""";

    static final String DELETE_IDLE_GUESTS = """
            DELETE FROM players WHERE id IN (
                SELECT p.id FROM players p
                WHERE p.guest AND p.created_at < $1
                  AND NOT EXISTS (SELECT 1 FROM match_players m WHERE m.player_id = p.id)
                  AND NOT EXISTS (SELECT 1 FROM auth_sessions s WHERE s.player_id = p.id AND (s.created_at >= $1
                      OR EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.session_id = s.id AND r.issued_at >= $1)))
                LIMIT $2)""";

    /** What one run deleted. */
    public record Deleted(long connectionEvents, long guests) {
    }

    private final Pool pool;
    private final Vertx vertx;
    private final RetentionConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    DataRetention(Pool pool, Vertx vertx, RetentionConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.interval().toMillis(), id -> {
            if (running.compareAndSet(false, true)) {
                runOnce(Instant.now()).subscribe().with(deleted -> {
                    running.set(false);
                    if (deleted.connectionEvents() + deleted.guests() > 0) {
                        LOG.infof("Retention: deleted %d connection records and %d idle guest accounts",
                                deleted.connectionEvents(), deleted.guests());
                    }
                }, failure -> {
                    running.set(false);
                    LOG.warnf("Retention run failed, next in %s: %s", config.interval(), failure.getMessage());
                });
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One run as of {@code now}: deletes what is due then, at most ten batches of each kind. */
    public Uni<Deleted> runOnce(Instant now) {
        OffsetDateTime eventsBefore = OffsetDateTime.ofInstant(now.minus(config.connectionEvents()), ZoneOffset.UTC);
        OffsetDateTime guestsBefore = OffsetDateTime.ofInstant(now.minus(config.guestIdle()), ZoneOffset.UTC);
        return deleteInBatches(DELETE_CONNECTION_EVENTS, eventsBefore, 0, 0)
                .chain(events -> deleteInBatches(DELETE_IDLE_GUESTS, guestsBefore, 0, 0)
                        .map(guests -> new Deleted(events, guests)));
    }

    private Uni<Long> deleteInBatches(String sql, OffsetDateTime before, long deletedSoFar, int batches) {
        return pool.preparedQuery(sql).execute(Tuple.of(before, config.batchSize())).chain(rows -> {
            long total = deletedSoFar + rows.rowCount();
            if (rows.rowCount() < config.batchSize() || batches + 1 >= MAX_BATCHES_PER_RUN) {
                return Uni.createFrom().item(total);
            }
            return deleteInBatches(sql, before, total, batches + 1);
        });
    }
}
