package dev.quarkade.game.arena;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.game.Game;
import dev.quarkade.game.Match;
import dev.quarkade.game.MatchContext;
import dev.quarkade.protocol.ArenaInput;

/** The arena as a {@link Game}: rooms of up to 16 players, 8 by default. */
@ApplicationScoped
public class ArenaGame implements Game {

    public static final String ID = "arena";

    private final ArenaConfig config;

    public ArenaGame(ArenaConfig config) {
        this.config = config;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int defaultCapacity() {
        return 8;
    }

    @Override
    public int maxCapacity() {
        return 16;
    }

    @Override
    public int globalCount() {
        return ArenaWorld.GLOBALS;
    }

    @Override
    public boolean isValidInput(byte[] payload) {
        // Same rules as ArenaInput.decode, without allocating: this runs for every input frame.
        return payload.length == ArenaInput.BYTES && payload[0] != Byte.MIN_VALUE && payload[1] != Byte.MIN_VALUE
                && (payload[2] & ~(ArenaInput.FIRE | ArenaInput.DASH)) == 0;
    }

    @Override
    public Match newMatch(MatchContext context) {
        int matchTicks = (int) Math.max(1, config.matchDuration().toMillis() * context.tickRate() / 1000);
        return new ArenaMatch(context, new ArenaMatch.Rules(matchTicks, config.orbs(), config.playerSpeed(),
                config.orbValue()));
    }
}
