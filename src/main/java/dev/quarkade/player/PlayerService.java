package dev.quarkade.player;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.api.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/** Creates guests and accounts; callers validate names and hash passwords first. */
@ApplicationScoped
public class PlayerService {

    private static final String UNIQUE_VIOLATION = "23505";

    private final PlayerRepository players;

    PlayerService(PlayerRepository players) {
        this.players = players;
    }

    /** Persists a new guest; must run inside a transaction. */
    public Uni<Player> createGuest(String name) {
        return players.persist(newPlayer(name, null, null, true));
    }

    /**
     * Persists a new account; must run inside a transaction. Fails with 409 when the username is taken, also when
     * another registration took it a moment ago (the unique index decides, not the earlier look-up).
     */
    public Uni<Player> register(String username, String passwordHash) {
        return players.findByUsername(username)
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().failure(usernameTaken());
                    }
                    return players.persistAndFlush(newPlayer(username, username, passwordHash, false));
                })
                .onFailure(PlayerService::isUniqueViolation).transform(e -> usernameTaken());
    }

    private static Player newPlayer(String name, String username, String passwordHash, boolean guest) {
        Player player = new Player();
        player.id = UUID.randomUUID();
        player.name = name;
        player.username = username;
        player.passwordHash = passwordHash;
        player.guest = guest;
        player.createdAt = Instant.now();
        return player;
    }

    private static ApiException usernameTaken() {
        return new ApiException(409, "username_taken", "That username is already registered");
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
