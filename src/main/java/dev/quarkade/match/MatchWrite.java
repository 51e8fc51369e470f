package dev.quarkade.match;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.quarkade.game.PlayerResult;
import dev.quarkade.persistence.PendingWrite;
import dev.quarkade.room.MatchEnded;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A finished match as one write: the match row, then each player's result together with their leaderboard line.
 * The id is chosen when the match is queued, so writing it again after an unacknowledged commit changes nothing:
 * a result row that already exists inserts nothing, and then adds nothing to the leaderboard either.
 */
record MatchWrite(UUID id, MatchEnded ended) implements PendingWrite {

    private static final String MATCH = """
            INSERT INTO matches (id, room_id, game, started_at, ended_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (id) DO NOTHING""";
    private static final String RESULT = """
            WITH inserted AS (
                INSERT INTO match_players (match_id, player_id, seat, score, placement, name, ended_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (match_id, player_id) DO NOTHING
                RETURNING player_id, name, score, placement)
            INSERT INTO player_stats (game, player_id, name, wins, total_score, matches_played)
            SELECT $8, player_id, name, CASE WHEN placement = 1 THEN 1 ELSE 0 END, score, 1 FROM inserted
            ON CONFLICT (game, player_id) DO UPDATE SET name = EXCLUDED.name,
                wins = player_stats.wins + EXCLUDED.wins,
                total_score = player_stats.total_score + EXCLUDED.total_score,
                matches_played = player_stats.matches_played + 1""";

    @Override
    public List<Statement> statements() {
        OffsetDateTime endedAt = ended.endedAt().atOffset(ZoneOffset.UTC);
        List<Statement> statements = new ArrayList<>(1 + ended.results().size());
        statements.add(new Statement(MATCH, Tuple.of(id, ended.roomId(), ended.game(),
                ended.startedAt().atOffset(ZoneOffset.UTC), endedAt)));
        for (PlayerResult result : ended.results()) {
            statements.add(new Statement(RESULT, Tuple.from(List.of(id, result.playerId(), (short) result.seat(),
                    result.score(), (short) result.placement(), result.name(), endedAt, ended.game()))));
        }
        return statements;
    }
}
