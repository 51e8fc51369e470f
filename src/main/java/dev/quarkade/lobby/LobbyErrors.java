package dev.quarkade.lobby;

import java.util.Map;

import dev.quarkade.api.ApiException;

/** The lobby's error answers, each with its JSON error code (docs/protocol.md, Rooms over REST). */
public final class LobbyErrors {

    private LobbyErrors() {
    }

    public static ApiException unknownRoom(String roomId) {
        return new ApiException(404, "unknown_room", "No room " + roomId);
    }

    public static ApiException roomLost(String roomId) {
        return new ApiException(404, "room_lost",
                "Room " + roomId + " was on a node that stopped and cannot be resumed: find another room");
    }

    public static ApiException roomFull(String roomId) {
        return new ApiException(409, "room_full", "Room " + roomId + " has no free seat");
    }

    public static ApiException unknownGame(String game) {
        return ApiException.badRequest("unknown_game", "unknown game '" + game + "'");
    }

    public static ApiException shuttingDown() {
        return new ApiException(503, "shutting_down", "This server is shutting down; try again in a moment",
                Map.of("Retry-After", "1"));
    }
}
