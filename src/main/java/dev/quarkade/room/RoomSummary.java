package dev.quarkade.room;

/**
 * A room as its listings show it; the lobby answers it as JSON (registered for reflection there). {@code players}
 * counts the occupied seats (connected, or dropped within their grace), {@code seatsTaken} those plus the seats held
 * for players about to connect: what is left for anyone else is {@code capacity - seatsTaken}.
 */
public record RoomSummary(String roomId, String game, int players, int seatsTaken, int capacity, String status) {
}
