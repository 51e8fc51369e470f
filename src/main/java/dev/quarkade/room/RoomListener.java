package dev.quarkade.room;

import java.time.Instant;
import java.util.List;

import dev.quarkade.game.PlayerResult;

/**
 * What a room reports to the rest of the server. Called on the room's tick thread: implementations must hand the work
 * off (a queue, a Uni) and return at once.
 */
public interface RoomListener {

    /** A match finished with these results, best first. */
    void matchEnded(String roomId, String game, Instant startedAt, Instant endedAt, List<PlayerResult> results);

    /** The room was disposed (idle) or closed. */
    void roomClosed(String roomId);

    /** The room ran one tick taking this many nanoseconds and sending this many bytes. */
    default void ticked(String roomId, long nanos, long bytesSent) {
    }

    /** A listener that ignores everything, for tests. */
    RoomListener NONE = new RoomListener() {
        @Override
        public void matchEnded(String roomId, String game, Instant startedAt, Instant endedAt, List<PlayerResult> r) {
        }

        @Override
        public void roomClosed(String roomId) {
        }
    };
}
