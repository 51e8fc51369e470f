package dev.quarkade.room;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A room as listed by GET /api/rooms. */
@RegisterForReflection // Jackson writes it; in a native image only registered classes can be read reflectively
public record RoomSummary(String roomId, String game, int players, int capacity, String status) {
}
