package dev.quarkade.admin;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.quarkade.api.ApiException;
import dev.quarkade.api.PageRequest;
import dev.quarkade.auth.BearerIdentityProvider;
import dev.quarkade.auth.TokenClaims;
import dev.quarkade.room.RoomReport;
import dev.quarkade.room.runtime.RoomControl;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The operator console's REST side: live rooms, closing a room, kicking a player, the admin audit trail and a ticket
 * for the live feed. Admins only: no token is 401, a player without the admin role 403.
 */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(BearerIdentityProvider.ADMIN_ROLE)
public class AdminResource {

    /** Why an operator acts: recorded in the audit trail; a kicked player is shown it. */
    public record Reason(String reason) {
    }

    /** A ticket for GET /api/admin/feed?ticket=..., good once, for {@code expiresIn} seconds. */
    public record FeedTicket(String ticket, long expiresIn) {
    }

    /** One line of the audit trail. */
    public record ActionView(UUID id, UUID adminId, String action, String target, String reason, Instant at) {
        static ActionView of(AdminAction a) {
            return new ActionView(a.id, a.adminId, a.action, a.target, a.reason, a.at);
        }
    }

    /** Close reasons travel in a WebSocket close frame, which allows 123 bytes; the column holds 200 characters. */
    static final int MAX_REASON_BYTES = 120;

    private final LiveRooms live;
    private final RoomControl rooms;
    private final AdminAudit audit;
    private final FeedTickets tickets;
    private final SecurityIdentity identity;

    public AdminResource(LiveRooms live, RoomControl rooms, AdminAudit audit, FeedTickets tickets,
            SecurityIdentity identity) {
        this.live = live;
        this.rooms = rooms;
        this.audit = audit;
        this.tickets = tickets;
        this.identity = identity;
    }

    @GET
    @Path("/rooms")
    public List<RoomReport> rooms() {
        return live.all();
    }

    @GET
    @Path("/rooms/{roomId}")
    public RoomReport room(@PathParam("roomId") String roomId) {
        return live.find(roomId).orElseThrow(() -> unknownRoom(roomId));
    }

    /** Closes a room: its players get 4002 "room closed". Recorded first, then carried out. */
    @POST
    @Path("/rooms/{roomId}/close")
    public Uni<ActionView> close(@PathParam("roomId") String roomId, Reason body) {
        String reason = validReason(body);
        live.find(roomId).orElseThrow(() -> unknownRoom(roomId));
        return audit.record(admin(), AdminAction.CLOSE_ROOM, "room:" + roomId, reason)
                .chain(row -> Uni.createFrom().completionStage(() -> rooms.closeRoom(roomId, reason))
                        .map(closed -> {
                            if (!closed) {
                                throw unknownRoom(roomId); // closed by itself between the check and now
                            }
                            return ActionView.of(row);
                        }));
    }

    /** Kicks a player: their connection closes with 1008 and the reason, and their seat is freed. */
    @POST
    @Path("/rooms/{roomId}/players/{playerId}/kick")
    public Uni<ActionView> kick(@PathParam("roomId") String roomId, @PathParam("playerId") String playerId,
            Reason body) {
        String reason = validReason(body);
        UUID player = ConnectionSearch.parsePlayer(playerId);
        RoomReport room = live.find(roomId).orElseThrow(() -> unknownRoom(roomId));
        if (room.players().stream().noneMatch(p -> p.playerId().equals(player))) {
            throw unknownPlayer(player, roomId);
        }
        return audit.record(admin(), AdminAction.KICK, "room:" + roomId + "/player:" + player, reason)
                .chain(row -> Uni.createFrom().completionStage(() -> rooms.kick(roomId, player, reason))
                        .map(kicked -> {
                            if (!kicked) {
                                throw unknownPlayer(player, roomId);
                            }
                            return ActionView.of(row);
                        }));
    }

    /** The audit trail of admin actions, newest first, paged. */
    @GET
    @Path("/actions")
    @WithSession
    public Uni<List<ActionView>> actions(@QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = PageRequest.parse(page, size);
        return AdminAction.<AdminAction> findAll(Sort.descending("at", "id"))
                .page(Page.of(request.page(), request.size())).list()
                .map(rows -> rows.stream().map(ActionView::of).toList());
    }

    @POST
    @Path("/feed-ticket")
    @Consumes(MediaType.WILDCARD)
    public FeedTicket feedTicket() {
        return new FeedTicket(tickets.issue(TokenClaims.of(identity)), FeedTickets.TTL.toSeconds());
    }

    private UUID admin() {
        return TokenClaims.of(identity).playerId();
    }

    private static String validReason(Reason body) {
        String reason = body == null || body.reason() == null ? "" : body.reason().strip();
        int bytes = reason.getBytes(StandardCharsets.UTF_8).length;
        if (reason.isEmpty() || bytes > MAX_REASON_BYTES || reason.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("invalid_reason",
                    "Give a reason of 1 to " + MAX_REASON_BYTES + " bytes (UTF-8), on one line");
        }
        return reason;
    }

    private static ApiException unknownRoom(String roomId) {
        return new ApiException(404, "unknown_room", "No open room " + roomId);
    }

    private static ApiException unknownPlayer(UUID player, String roomId) {
        return new ApiException(404, "unknown_player", "Player " + player + " has no seat in room " + roomId);
    }
}
