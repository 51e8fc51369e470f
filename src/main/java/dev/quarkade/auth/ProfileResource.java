package dev.quarkade.auth;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.quarkade.api.ApiException;
import dev.quarkade.player.PlayerRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The signed-in player's own profile. */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

    /** What GET /api/me answers. */
    @RegisterForReflection // Jackson writes it; in a native image only registered classes can be read reflectively
    public record Me(UUID playerId, String name, boolean guest) {
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    PlayerRepository players;

    @GET
    @Authenticated
    @WithSession
    public Uni<Me> me() {
        UUID playerId = TokenClaims.of(identity).playerId();
        return players.findById(playerId).map(player -> {
            if (player == null) {
                // The session check passed, so this is a player deleted since: the token no longer means anyone.
                throw ApiException.unauthorized("unknown_player", "This player no longer exists");
            }
            return new Me(player.id, player.name, player.guest);
        });
    }
}
