package dev.quarkade.lobby;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.quarkade.api.ApiException;
import dev.quarkade.auth.BearerHeader;
import dev.quarkade.auth.TokenClaims;
import dev.quarkade.room.RoomSummary;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Rooms over REST: list them, find one, create one, hold a seat in one, or let matchmaking find a seat. Every answer
 * that leads to a room says where to connect ({@code wsUrl}): in cluster mode that is the node that runs the room,
 * whichever node was asked (docs/deployment.md, Cluster mode).
 */
// POST /api/rooms answers the new room's RoomSummary (room/ stays free of Quarkus, so it is registered here).
@RegisterForReflection(targets = RoomSummary.class)
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoomResource {

    /** Body of POST /api/rooms. */
    public record CreateRoom(@NotBlank String game, @Min(1) @Max(255) Integer capacity) {
    }

    /** Body of POST /api/matchmaking/join-or-create. */
    public record JoinOrCreate(@NotBlank String game) {
    }

    /**
     * Answer of join-or-create and of a seat in a given room: the room, the absolute WebSocket URL of the node that
     * runs it, the same path alone, and how long the seat is held for the player.
     */
    @RegisterForReflection // Jackson writes it; in a native image only registered classes can be read reflectively
    public record SeatHeld(String roomId, String wsUrl, String wsPath, long seatHeldMs) {
    }

    private final Lobby lobby;
    private final LocalRooms rooms;
    private final SecurityIdentity identity;

    RoomResource(Lobby lobby, LocalRooms rooms, SecurityIdentity identity) {
        this.lobby = lobby;
        this.rooms = rooms;
        this.identity = identity;
    }

    @GET
    @Path("/rooms")
    public Uni<List<Lobby.ListedRoom>> list(@Context HttpServerRequest request) {
        return lobby.list(RoomUrls.requestBase(request));
    }

    /** One room and where it lives (any node answers for every node's rooms). */
    @GET
    @Path("/rooms/{roomId}")
    public Uni<Lobby.ListedRoom> find(@PathParam("roomId") String roomId, @Context HttpServerRequest request) {
        return lobby.find(roomId, RoomUrls.requestBase(request));
    }

    @POST
    @Path("/rooms")
    @Authenticated
    public Uni<Response> create(@Valid CreateRoom body) {
        requireBody(body, "{\"game\": \"arena\", \"capacity\": 8}");
        return lobby.create(body.game(), body.capacity(), TokenClaims.of(identity).playerId()).map(room -> Response
                .created(URI.create("/api/rooms/" + room.id())).entity(room.summary()).build());
    }

    /** Holds a seat for the caller in this room, on whichever node runs it: 404 no such room, 409 full. */
    @POST
    @Path("/rooms/{roomId}/join")
    @Consumes(MediaType.WILDCARD) // no body
    @Authenticated
    public Uni<SeatHeld> join(@PathParam("roomId") String roomId, @Context HttpServerRequest request) {
        return lobby.join(roomId, TokenClaims.of(identity).playerId(), RoomUrls.requestBase(request)).map(this::seatHeld);
    }

    @POST
    @Path("/matchmaking/join-or-create")
    @Authenticated
    public Uni<SeatHeld> joinOrCreate(@Valid JoinOrCreate body, @HeaderParam("Authorization") String authorization,
            @Context HttpServerRequest request) {
        requireBody(body, "{\"game\": \"arena\"}");
        return lobby.joinOrCreate(body.game(), TokenClaims.of(identity).playerId(), BearerHeader.token(authorization),
                RoomUrls.requestBase(request)).map(this::seatHeld);
    }

    /** An empty body, or the JSON {@code null}, is a 400 of its own rather than a failure further in. */
    private static void requireBody(Object body, String example) {
        if (body == null) {
            throw ApiException.badRequest("missing_body", "Send a JSON body, e.g. " + example);
        }
    }

    private SeatHeld seatHeld(Lobby.Placement placement) {
        return new SeatHeld(placement.roomId(), placement.wsUrl(), placement.wsPath(),
                rooms.seatHoldMs());
    }

}
