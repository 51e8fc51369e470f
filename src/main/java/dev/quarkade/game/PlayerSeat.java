package dev.quarkade.game;

import java.util.UUID;

/** A player as a match sees them: the seat index, who sits there, and the entity id the room reserved for them. */
public record PlayerSeat(int seat, UUID playerId, String name, int entityId) {
}
