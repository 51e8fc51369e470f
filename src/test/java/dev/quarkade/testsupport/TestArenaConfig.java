package dev.quarkade.testsupport;

import java.time.Duration;

import dev.quarkade.game.arena.ArenaConfig;

/** Arena settings for tests that build rooms by hand: a match of {@code matchDuration}, 4 orbs, speed 12. */
public record TestArenaConfig(Duration matchDuration, int playerSpeed) implements ArenaConfig {

    public TestArenaConfig(Duration matchDuration) {
        this(matchDuration, 12);
    }

    @Override
    public int orbs() {
        return 4;
    }

    @Override
    public int orbValue() {
        return 1;
    }

    @Override
    public int maxCapacity() {
        return 16;
    }
}
