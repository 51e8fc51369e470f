package dev.quarkade.player;

import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Stores and finds {@link Player}s. */
@ApplicationScoped
public class PlayerRepository implements PanacheRepositoryBase<Player, UUID> {

    /** The account with this username, ignoring case (the unique index is on lower(username)). */
    public Uni<Player> findByUsername(String username) {
        return find("lower(username) = ?1", username.toLowerCase(Locale.ROOT)).firstResult();
    }
}
