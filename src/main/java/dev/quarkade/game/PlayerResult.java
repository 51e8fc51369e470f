package dev.quarkade.game;

import java.util.UUID;

/** One player's result at the end of a match; placement starts at 1 and ties share a placement. */
public record PlayerResult(int seat, UUID playerId, String name, int score, int placement) {
}
