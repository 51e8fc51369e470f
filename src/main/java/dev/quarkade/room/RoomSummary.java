package dev.quarkade.room;

/** A room as listed by GET /api/rooms. */
public record RoomSummary(String roomId, String game, int players, int capacity, String status) {
}
