package dev.quarkade.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.quarkade.persistence.PendingWrite;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The writes of the connection audit. A connection is inserted when it opens and completed when it closes; both are
 * upserts carrying every column, so they may be written in any order, twice, or the close alone (if the open was
 * dropped from a full queue) and the row still ends up right.
 */
final class ConnectionWrites {

    /** WebSocket close reasons are at most 123 bytes (RFC 6455, 5.5); the column holds 123 characters. */
    static final int MAX_REASON = 123;
    static final int MAX_ADDRESS = 128;
    static final short ABNORMAL_CLOSURE = 1006;
    static final String SERVER_LOST = "server lost";

    private static final String OPEN = """
            INSERT INTO connection_events (id, player_id, room_id, node, remote_address, opened_at)
            VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING""";
    private static final String CLOSE = """
            INSERT INTO connection_events
                (id, player_id, room_id, node, remote_address, opened_at, closed_at, close_code, close_reason)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (id) DO UPDATE SET closed_at = EXCLUDED.closed_at, close_code = EXCLUDED.close_code,
                close_reason = EXCLUDED.close_reason""";
    private static final String CLOSE_LOST = """
            UPDATE connection_events SET closed_at = $1, close_code = $2, close_reason = $3
            WHERE closed_at IS NULL AND node = $4 AND opened_at < $1""";

    private ConnectionWrites() {
    }

    /** What is known of a connection from the moment it opens. */
    record Opened(UUID id, UUID playerId, String roomId, String node, String remoteAddress, Instant openedAt)
            implements
                PendingWrite {

        @Override
        public List<Statement> statements() {
            return List.of(
                    new Statement(OPEN, Tuple.from(Arrays.asList(id, playerId, roomId, node, remoteAddress, time(openedAt)))));
        }
    }

    /** The whole row of a connection that has ended. */
    record Closed(Opened opened, Instant closedAt, short closeCode, String closeReason) implements PendingWrite {

        @Override
        public List<Statement> statements() {
            return List.of(new Statement(CLOSE, Tuple.from(Arrays.asList(opened.id, opened.playerId,
                    opened.roomId, opened.node, opened.remoteAddress, time(opened.openedAt), time(closedAt),
                    closeCode, closeReason))));
        }
    }

    /**
     * Closes as "server lost" the connections of {@code node} that a previous process left open (it crashed or was
     * killed); the connections of this process opened at or after {@code startedAt} are not touched.
     */
    record LostOnRestart(String node, Instant startedAt) implements PendingWrite {

        @Override
        public List<Statement> statements() {
            return List.of(new Statement(CLOSE_LOST, Tuple.of(time(startedAt), ABNORMAL_CLOSURE, SERVER_LOST, node)));
        }
    }

    static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
