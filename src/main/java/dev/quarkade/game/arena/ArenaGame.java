package dev.quarkade.game.arena;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.game.Game;
import dev.quarkade.game.GameRules;
import dev.quarkade.game.Match;
import dev.quarkade.game.MatchContext;
import dev.quarkade.protocol.FrameWriter;

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

    /**
     * Rooms of 8, at most {@code quarkade.arena.max-capacity} (16); the server's tick rate and intermission; a match
     * starts with its first player.
     */
    @Override
    public GameRules rules() {
        return GameRules.of(8, Math.max(8, config.maxCapacity()));
    }

    /**
     * What an arena client needs to draw the field and predict its own moves: u16 field width, u16 field height, u16
     * player speed (world units per input at full stick; twice that when dashing), u16 pick-up distance. Big-endian,
     * 8 bytes (docs/protocol.md, The arena).
     */
    @Override
    public byte[] clientSettings() {
        return new FrameWriter(8).u16(ArenaWorld.WIDTH).u16(ArenaWorld.HEIGHT).u16(config.playerSpeed())
                .u16(ArenaWorld.PICKUP_DISTANCE).toByteArray();
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
