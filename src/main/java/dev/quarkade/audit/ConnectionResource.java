package dev.quarkade.audit;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.quarkade.api.PageRequest;
import dev.quarkade.auth.TokenClaims;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The signed-in player's own room connections, newest first. */
@Path("/api/me/connections")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionResource {

    /** One connection as the player sees it; closedAt and closeCode are null while it is open. */
    public record ConnectionView(String roomId, Instant openedAt, Instant closedAt, Integer closeCode,
            String closeReason) {
    }

    private final SecurityIdentity identity;

    public ConnectionResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Authenticated
    @WithSession
    public Uni<List<ConnectionView>> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = PageRequest.parse(page, size);
        // Read through connection_events_player (player_id, opened_at DESC, id DESC): docs/persistence.md.
        return ConnectionEvent.<ConnectionEvent> find("playerId", Sort.descending("openedAt", "id"),
                TokenClaims.of(identity).playerId())
                .page(Page.of(request.page(), request.size())).list()
                .map(rows -> rows.stream().map(ConnectionResource::view).toList());
    }

    private static ConnectionView view(ConnectionEvent e) {
        return new ConnectionView(e.roomId, e.openedAt, e.closedAt,
                e.closeCode == null ? null : e.closeCode.intValue(), e.closeReason);
    }
}
