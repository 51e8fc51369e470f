package dev.quarkade.match;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A finished match: which game, in which room, when. */
@Entity
@Table(name = "matches")
public class MatchRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    public String roomId;

    public String game;

    public Instant startedAt;

    public Instant endedAt;
}
