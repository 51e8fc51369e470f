package dev.quarkade.game.arena;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The arena's tunable rules. */
@ConfigMapping(prefix = "quarkade.arena")
public interface ArenaConfig {

    /** How long one match lasts. */
    @WithDefault("120s")
    Duration matchDuration();

    /** Orbs on the field at any time; a collected orb reappears elsewhere. */
    @WithDefault("24")
    int orbs();

    /** World units a player moves per input at full stick. */
    @WithDefault("12")
    int playerSpeed();

    /** The most players a room may seat (join-or-create makes rooms of 8); at most 255. */
    @WithDefault("16")
    int maxCapacity();

    /** Points an orb is worth. */
    @WithDefault("1")
    int orbValue();
}
