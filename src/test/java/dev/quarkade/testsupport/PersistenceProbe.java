package dev.quarkade.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import dev.quarkade.game.PlayerResult;
import dev.quarkade.persistence.WriteBehindQueue;
import dev.quarkade.room.MatchEnded;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What persistence tests do around the application: end matches as a room would, watch the write-behind queue and
 * its counters, and count rows in the database the test runs. Injected into @QuarkusTest classes.
 */
@ApplicationScoped
public class PersistenceProbe {

    private final Event<MatchEnded> matchEnded;
    private final WriteBehindQueue queue;
    private final MeterRegistry registry;

    PersistenceProbe(Event<MatchEnded> matchEnded, WriteBehindQueue queue, MeterRegistry registry) {
        this.matchEnded = matchEnded;
        this.queue = queue;
        this.registry = registry;
    }

    /** {@code matches} matches of room {@code room} ended, each won by {@code winner} (score i) over {@code loser}. */
    public void endMatches(String room, int matches, TestPlayer winner, TestPlayer loser) {
        Instant end = Instant.now();
        for (int i = 0; i < matches; i++) {
            matchEnded.fireAsync(new MatchEnded(room, "arena", end.minusSeconds(60 + i), end.plusMillis(i),
                    List.of(new PlayerResult(0, winner.playerId, winner.name, i, 1),
                            new PlayerResult(1, loser.playerId, loser.name, 0, 2))));
        }
    }

    /** One match of the arena ended, with these results. */
    public void endMatch(String room, Instant startedAt, Instant endedAt, PlayerResult... results) {
        matchEnded.fireAsync(new MatchEnded(room, "arena", startedAt, endedAt, List.of(results)));
    }

    public WriteBehindQueue queue() {
        return queue;
    }

    /** The count of a Micrometer counter, e.g. {@code quarkade.persistence.retries}. */
    public double counter(String name) {
        return registry.get(name).counter().count();
    }

    /** {@code SELECT count(*) FROM <fromWhere>} on {@code database}, with the player's id as its one parameter. */
    public static long count(LocalPostgresServer database, String fromWhere, TestPlayer player) throws Exception {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM " + fromWhere)) {
            query.setObject(1, player.playerId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
