package dev.quarkade.room;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.quarkade.api.ApiException;
import dev.quarkade.auth.TokenClaims;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.Authenticated;

/** Rooms over REST: list them, create one, or let matchmaking find a seat. */
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

    /** Answer of join-or-create: the room, where to connect, and how long the seat is held for the player. */
    @RegisterForReflection // Jackson writes it; in a native image only registered classes can be read reflectively
    public record SeatHeld(String roomId, String wsPath, long seatHeldMs) {
    }

    private final RoomService rooms;
    private final SecurityIdentity identity;

    public RoomResource(RoomService rooms, SecurityIdentity identity) {
        this.rooms = rooms;
        this.identity = identity;
    }

    @GET
    @Path("/rooms")
    public List<RoomSummary> list() {
        return rooms.list();
    }

    @POST
    @Path("/rooms")
    @Authenticated
    public Response create(@Valid CreateRoom body) {
        refuseWhileDraining();
        Room room = createOrReject(body.game(), body.capacity());
        return Response.created(URI.create("/api/rooms/" + room.id())).entity(room.summary()).build();
    }

    @POST
    @Path("/matchmaking/join-or-create")
    @Authenticated
    public SeatHeld joinOrCreate(@Valid JoinOrCreate body) {
        refuseWhileDraining();
        if (!rooms.hasGame(body.game())) {
            throw unknownGame(body.game());
        }
        Room room = rooms.joinOrCreate(body.game(), TokenClaims.of(identity).playerId());
        return new SeatHeld(room.id(), "/ws/rooms/" + room.id(), rooms.settings().seatHold().toMillis());
    }

    private Room createOrReject(String game, Integer capacity) {
        try {
            return rooms.create(game, capacity);
        } catch (UnknownGameException e) {
            throw ApiException.badRequest(rooms.hasGame(game) ? "invalid_capacity" : "unknown_game", e.getMessage());
        }
    }

    /** While the server shuts down no room is created and no seat held: the player should go to another node. */
    private void refuseWhileDraining() {
        if (rooms.isDraining()) {
            throw new ApiException(503, "shutting_down", "This server is shutting down; try again in a moment",
                    Map.of("Retry-After", "1"));
        }
    }

    private static ApiException unknownGame(String game) {
        return ApiException.badRequest("unknown_game", "unknown game '" + game + "'");
    }
}
