package dev.quarkade.match;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One player's result in a finished match. */
@Entity
@Table(name = "match_players")
@IdClass(MatchPlayerRecord.Key.class)
public class MatchPlayerRecord extends PanacheEntityBase {

    /** The composite key: one row per player per match. */
    public record Key(UUID matchId, UUID playerId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    public UUID matchId;

    @Id
    public UUID playerId;

    public short seat;

    public int score;

    public short placement;

    /** The player's name when the match was played. */
    public String name;

    /** When the match ended: a copy of the match's, so a player's history is read newest first from one index. */
    public Instant endedAt;
}
