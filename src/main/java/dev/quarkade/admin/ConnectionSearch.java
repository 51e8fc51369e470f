package dev.quarkade.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.quarkade.api.ApiException;
import dev.quarkade.api.PageRequest;
import dev.quarkade.audit.ConnectionEvent;
import dev.quarkade.auth.BearerIdentityProvider;
import dev.quarkade.player.PlayerRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * Searches the connection audit for operators: every connection of a player, of a room, or of a player in a room,
 * newest first, paged, with close codes and reasons. Each search reads an index (player or room first).
 */
@Path("/api/admin/connections")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(BearerIdentityProvider.ADMIN_ROLE)
public class ConnectionSearch {

    /** One connection; closedAt and closeCode are null while it is open. */
    public record Connection(UUID id, UUID playerId, String playerName, String roomId, String node,
            String remoteAddress, Instant openedAt, Instant closedAt, Integer closeCode, String closeReason) {
    }

    private final PlayerRepository players;

    public ConnectionSearch(PlayerRepository players) {
        this.players = players;
    }

    @GET
    @WithSession
    public Uni<List<Connection>> search(@QueryParam("player") String player, @QueryParam("room") String room,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = PageRequest.parse(page, size);
        boolean byPlayer = player != null && !player.isBlank();
        boolean byRoom = room != null && !room.isBlank();
        if (!byPlayer && !byRoom) {
            throw ApiException.badRequest("missing_filter", "Search by player (id), by room (id) or both");
        }
        Parameters params = new Parameters();
        String query;
        if (byPlayer && byRoom) {
            query = "playerId = :player and roomId = :room";
            params.and("player", parsePlayer(player)).and("room", room.strip());
        } else if (byPlayer) {
            query = "playerId = :player";
            params.and("player", parsePlayer(player));
        } else {
            query = "roomId = :room";
            params.and("room", room.strip());
        }
        return ConnectionEvent.<ConnectionEvent> find(query, Sort.descending("openedAt", "id"), params)
                .page(Page.of(request.page(), request.size())).list()
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(List.<Connection> of()) : withNames(rows));
    }

    private Uni<List<Connection>> withNames(List<ConnectionEvent> rows) {
        List<UUID> ids = rows.stream().map(e -> e.playerId).distinct().toList();
        return players.list("id in ?1", ids).map(found -> {
            Map<UUID, String> names = found.stream().collect(Collectors.toMap(p -> p.id, p -> p.name));
            return rows.stream().map(e -> new Connection(e.id, e.playerId, names.get(e.playerId), e.roomId, e.node,
                    e.remoteAddress, e.openedAt, e.closedAt, e.closeCode == null ? null : e.closeCode.intValue(),
                    e.closeReason)).toList();
        });
    }

    static UUID parsePlayer(String player) {
        try {
            return UUID.fromString(player.strip());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.badRequest("invalid_player", "player must be a player id (UUID)");
        }
    }
}
