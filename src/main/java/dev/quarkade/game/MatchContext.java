package dev.quarkade.game;

import java.util.random.RandomGenerator;

/**
 * What a match knows about its room: the tick rate and a random source. Seeded per room, so a test can replay a
 * match exactly.
 */
public record MatchContext(String roomId, int capacity, int tickRate, RandomGenerator random) {
}
