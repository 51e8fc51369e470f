package dev.quarkade.match;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One player's line on the leaderboard of one game, kept up to date as each of their matches is recorded. */
@Entity
@Table(name = "player_stats")
@IdClass(PlayerStats.Key.class)
public class PlayerStats extends PanacheEntityBase {

    /** The composite key: one line per player per game. */
    public record Key(String game, UUID playerId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    public String game;

    @Id
    public UUID playerId;

    /** The name in the player's latest match. */
    public String name;

    /** Matches finished in first place (ties for first included). */
    public int wins;

    public long totalScore;

    public int matchesPlayed;
}
