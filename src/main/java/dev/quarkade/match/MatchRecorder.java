package dev.quarkade.match;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import dev.quarkade.persistence.WriteBehindQueue;
import dev.quarkade.room.MatchEnded;

/**
 * Hands each finished match to the write-behind queue, which writes it with every player's result and leaderboard
 * line in one transaction, retried until the database takes it. {@link MatchEnded} arrives asynchronously, so the
 * room's tick never even waits for the queue.
 */
@ApplicationScoped
public class MatchRecorder {

    private final WriteBehindQueue queue;

    public MatchRecorder(WriteBehindQueue queue) {
        this.queue = queue;
    }

    void onMatchEnded(@ObservesAsync MatchEnded ended) {
        queue.submit(new MatchWrite(UUID.randomUUID(), ended));
    }
}
