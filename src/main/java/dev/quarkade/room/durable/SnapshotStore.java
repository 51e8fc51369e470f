package dev.quarkade.room.durable;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.room.SavedRoom;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code room_snapshots} table (V8): the newest snapshot of each durable room and the node incarnation that owns
 * it. Every call returns a Uni over the reactive pool and never blocks. The owner column is the lock: a node writes
 * or deletes only rows it owns, and takes over another node's row with a conditional UPDATE that exactly one caller
 * wins.
 */
@ApplicationScoped
public class SnapshotStore {

    /** What is known of a stored snapshot before anyone claims it. */
    public record Stored(String roomId, String owner, String game, long tick, int formatVersion) {
    }

    // Only a newer tick of the same owner overwrites: a late write never replaces a newer one, and a node that lost
    // the room to another (it was thought dead) can no longer write it.
    private static final String SAVE = """
            INSERT INTO room_snapshots (room_id, owner, game, capacity, tick, taken_at, format_version, body)
            VALUES ($1, $2, $3, $4, $5, now(), $6, $7)
            ON CONFLICT (room_id) DO UPDATE SET game = EXCLUDED.game, capacity = EXCLUDED.capacity,
                tick = EXCLUDED.tick, taken_at = EXCLUDED.taken_at, format_version = EXCLUDED.format_version,
                body = EXCLUDED.body
            WHERE room_snapshots.owner = EXCLUDED.owner AND room_snapshots.tick < EXCLUDED.tick""";
    private static final String FIND = """
            SELECT owner, game, tick, format_version FROM room_snapshots WHERE room_id = $1""";
    private static final String CLAIM = """
            UPDATE room_snapshots SET owner = $3 WHERE room_id = $1 AND owner = $2 RETURNING body""";
    private static final String DELETE = "DELETE FROM room_snapshots WHERE room_id = $1 AND owner = $2";

    private final Pool pool;

    public SnapshotStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Writes {@code body} (a {@link SavedRoom#encode() carried room}) as the snapshot of its room owned by
     * {@code owner}. True when written; false when the stored snapshot is as new or newer, or owned by another node.
     */
    public Uni<Boolean> save(String owner, SavedRoom room, byte[] body) {
        return pool.preparedQuery(SAVE)
                .execute(Tuple.from(new Object[] { room.id(), owner, room.gameId(), (short) room.capacity(),
                        room.tick(), (short) SavedRoom.VERSION, Buffer.buffer(body) }))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The stored snapshot of a room, without its body; empty when there is none. */
    public Uni<Optional<Stored>> find(String roomId) {
        return pool.preparedQuery(FIND).execute(Tuple.of(roomId)).map(rows -> first(rows).map(row -> new Stored(
                roomId, row.getString("owner"), row.getString("game"), row.getLong("tick"),
                row.getInteger("format_version"))));
    }

    /**
     * Makes {@code newOwner} the owner of the room's snapshot if {@code formerOwner} still owns it, and answers its
     * body; empty when the row is gone or someone else claimed it first. One statement, so of any number of
     * concurrent claims exactly one succeeds.
     */
    public Uni<Optional<byte[]>> claim(String roomId, String formerOwner, String newOwner) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(roomId, formerOwner, newOwner))
                .map(rows -> first(rows).map(row -> row.getBuffer("body").getBytes()));
    }

    /** Deletes the room's snapshot if {@code owner} owns it; true when a row was deleted. */
    public Uni<Boolean> delete(String roomId, String owner) {
        return pool.preparedQuery(DELETE).execute(Tuple.of(roomId, owner)).map(rows -> rows.rowCount() == 1);
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
    }
}
