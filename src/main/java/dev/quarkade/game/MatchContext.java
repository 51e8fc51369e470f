package dev.quarkade.game;

import java.util.random.RandomGenerator;

/**
 * What a match knows about its room: its id and seats, the tick rate it runs at, a random source (seeded per room, so
 * a test can replay a match exactly) and where to send {@linkplain GameEvents game events}.
 */
public record MatchContext(String roomId, int capacity, int tickRate, RandomGenerator random, GameEvents events) {
}
