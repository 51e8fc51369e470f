package dev.quarkade.room;

/** A room as its listings show it; the lobby answers it as JSON (registered for reflection there). */
public record RoomSummary(String roomId, String game, int players, int capacity, String status) {
}
