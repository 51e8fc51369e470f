package dev.quarkade.player;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A player: a guest (no username or password) or a registered account. */
@Entity
@Table(name = "players")
public class Player {

    @Id
    public UUID id;

    /** Shown to other players; not unique. */
    public String name;

    /** Login name of a registered account, unique regardless of case; null for guests. */
    public String username;

    /** bcrypt hash in modular crypt format; null for guests. */
    public String passwordHash;

    public boolean guest;

    public Instant createdAt;
}
