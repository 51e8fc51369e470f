package dev.quarkade.match;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.logging.Logger;

import dev.quarkade.game.PlayerResult;
import dev.quarkade.room.MatchEnded;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Writes each finished match and its results in one transaction. It receives {@link MatchEnded} asynchronously, so
 * the room's tick never waits for the database; a failed write is retried with back-off.
 */
@ApplicationScoped
public class MatchRecorder {

    private static final Logger LOG = Logger.getLogger(MatchRecorder.class);

    void onMatchEnded(@ObservesAsync MatchEnded ended) {
        // Hibernate Reactive needs a Vert.x context; async observers run on a worker thread without one.
        VertxContextSupport.subscribe(() -> record(ended).toMulti(), subscription -> subscription.with(
                id -> LOG.debugf("Recorded match %s of room %s", id, ended.roomId()),
                failure -> LOG.errorf(failure, "Could not record the match of room %s", ended.roomId())));
    }

    Uni<UUID> record(MatchEnded ended) {
        UUID id = UUID.randomUUID();
        MatchRecord match = new MatchRecord();
        match.id = id;
        match.roomId = ended.roomId();
        match.game = ended.game();
        match.startedAt = ended.startedAt();
        match.endedAt = ended.endedAt();
        List<MatchPlayerRecord> players = new ArrayList<>();
        for (PlayerResult result : ended.results()) {
            MatchPlayerRecord row = new MatchPlayerRecord();
            row.matchId = id;
            row.playerId = result.playerId();
            row.seat = (short) result.seat();
            row.score = result.score();
            row.placement = (short) result.placement();
            players.add(row);
        }
        return Panache.withTransaction(() -> match.persist().chain(() -> MatchPlayerRecord.persist(players)))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(10)
                .replaceWith(id);
    }
}
