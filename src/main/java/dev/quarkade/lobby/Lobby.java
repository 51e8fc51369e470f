package dev.quarkade.lobby;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.quarkade.room.Room;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * What players ask about rooms before they connect, answered the same way on every node: the rooms there are, where
 * one lives, a seat in a given room, a seat anywhere (join-or-create), a new room, and at the WebSocket upgrade
 * whether they may enter. Every answer says where to connect: the owning node's public WebSocket URL.
 *
 * <p>
 * {@link LocalLobby} answers from this node's rooms (the default); a cluster provides its own implementation that
 * answers from the directory of all nodes. Failures are {@code ApiException}s with the JSON error of the REST API.
 */
public interface Lobby {

    /** Where a player got a seat: the room and the WebSocket base URL of the node that runs it. */
    record Placement(String roomId, String wsBase) {

        public String wsUrl() {
            return RoomUrls.wsUrl(wsBase, roomId);
        }

        public String wsPath() {
            return RoomUrls.wsPath(roomId);
        }
    }

    /**
     * A room as GET /api/rooms and GET /api/rooms/{id} list it: {@code players} in occupied seats, {@code seatsTaken}
     * those plus the seats held for players about to connect; {@code node} only in cluster mode.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListedRoom(String roomId, String game, int players, int seatsTaken, int capacity, String status,
            String node, String wsUrl) {
    }

    /** The answer to a WebSocket upgrade: an HTTP status, and for {@link #WRONG_NODE} where the room is. */
    record Admission(int status, String wsUrl) {

        /** Upgrade accepted: the player's seat is held. */
        public static final int ADMITTED = 101;
        /** The room runs on another node: {@link #wsUrl()} is its URL there. */
        public static final int WRONG_NODE = 421;
        /** Header of a 421 answer: the absolute WebSocket URL of the room on its node. */
        public static final String NODE_URL_HEADER = "X-Quarkade-Ws-Url";

        public static Admission of(int status) {
            return new Admission(status, null);
        }
    }

    /** Every open room: this node's, or in cluster mode those of all live nodes. */
    Uni<List<ListedRoom>> list(String requestBase);

    /** One room and where it lives: 404 {@code unknown_room}, or {@code room_lost} when its node died for good. */
    Uni<ListedRoom> find(String roomId, String requestBase);

    /**
     * Creates a room on this node for {@code creator}; 400 for an unknown game or capacity, 429 over the room limits
     * ({@code quarkade.room.max-rooms-per-player}, {@code quarkade.room.max-rooms}), 503 while shutting down.
     */
    Uni<Room> create(String game, Integer capacity, UUID creator);

    /**
     * A seat held for {@code player} in a room of {@code game}: the fullest room with a free seat, else a new room.
     * The seat is held for {@code quarkade.room.seat-hold}.
     */
    Uni<Placement> joinOrCreate(String game, UUID player, String bearerToken, String requestBase);

    /** A seat held for {@code player} in one given room: 404 if there is no such room, 409 if it is full. */
    Uni<Placement> join(String roomId, UUID player, String requestBase);

    /**
     * Whether an authenticated player may open a WebSocket to the room: {@link Admission#ADMITTED} (their seat is
     * held), 404, 409, {@link Admission#WRONG_NODE} or 503 while shutting down.
     */
    Uni<Admission> admit(String roomId, UUID player);
}
