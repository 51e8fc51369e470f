package dev.quarkade.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;

import dev.quarkade.api.ApiException;
import dev.quarkade.auth.RevokedSessions;
import dev.quarkade.room.RoomReport;
import io.smallrye.mutiny.Multi;

/**
 * The operator console's live feed: every second, a snapshot of every open room, as server-sent events. Opened with a
 * one-time ticket from {@code POST /api/admin/feed-ticket}, since an EventSource cannot send the access token. It
 * ends when that token expires or its session is revoked.
 */
@Path("/api/admin/feed")
public class AdminFeedResource {

    static final Duration PERIOD = Duration.ofSeconds(1);

    /** One event of the feed: the time it was taken and every open room. */
    public record Feed(long at, List<RoomReport> rooms) {
    }

    private final LiveRooms rooms;
    private final FeedTickets tickets;
    private final RevokedSessions revoked;

    public AdminFeedResource(LiveRooms rooms, FeedTickets tickets, RevokedSessions revoked) {
        this.rooms = rooms;
        this.tickets = tickets;
        this.revoked = revoked;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<Feed> feed(@RestQuery String ticket) {
        FeedTickets.Ticket granted = tickets.redeem(ticket).orElseThrow(() -> ApiException.unauthorized(
                "invalid_ticket", "Get a feed ticket from POST /api/admin/feed-ticket; each opens one feed, once"));
        Duration left = Duration.between(Instant.now(), granted.feedEndsAt());
        if (left.toMillis() < 1) {
            throw ApiException.unauthorized("token_expired", "The access token behind this ticket has expired");
        }
        // The first event at once (ticks refuse a zero delay), then one a second until the token expires or its
        // session is revoked (logout ends the feed within a period, as it closes the admin's sockets).
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(PERIOD)
                .select().first(left)
                .select().first(n -> !revoked.contains(granted.sessionId()))
                .map(n -> new Feed(System.currentTimeMillis(), rooms.all()));
    }
}
