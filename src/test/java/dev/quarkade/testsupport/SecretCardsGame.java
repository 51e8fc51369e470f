package dev.quarkade.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.quarkade.game.Game;
import dev.quarkade.game.GameRules;
import dev.quarkade.game.Match;
import dev.quarkade.game.MatchContext;
import dev.quarkade.game.PlayerResult;
import dev.quarkade.game.PlayerSeat;
import dev.quarkade.sync.WorldState;

/**
 * A tiny game for engine tests, so they need not depend on the arena: every seat is dealt a secret card (entity
 * {@code 100 + seat}, seen by its seat alone) and a public badge (entity {@code 200 + seat}) whose field 1 only its
 * seat sees. Input byte 1 reveals the sender's card and tells everyone (event 1: seat, value); byte 2 tells the sender
 * alone (event 2: value). A match needs 2 players and a 1 s countdown, runs at 10 Hz, steps every 5 ticks (global 0
 * counts the steps) and ends after {@link #STEPS} steps, placements by seat.
 */
public final class SecretCardsGame implements Game {

    public static final int STEPS = 6;
    public static final int KIND_CARD = 1;
    public static final int KIND_BADGE = 2;
    public static final int EVENT_REVEALED = 1;
    public static final int EVENT_PEEK = 2;

    public static int cardOf(int seat) {
        return 100 + seat;
    }

    public static int badgeOf(int seat) {
        return 200 + seat;
    }

    /** The value of the card dealt to {@code seat}. */
    public static int valueOf(int seat) {
        return 7 + seat * 3;
    }

    @Override
    public String id() {
        return "secret-cards";
    }

    @Override
    public GameRules rules() {
        return GameRules.of(2, 4).withTickRate(10).withStepEvery(5).withMinPlayers(2)
                .withCountdown(Duration.ofSeconds(1)).withIntermission(Duration.ofSeconds(2));
    }

    @Override
    public int globalCount() {
        return 1;
    }

    @Override
    public boolean isValidInput(byte[] payload) {
        return payload.length == 1 && (payload[0] == 1 || payload[0] == 2);
    }

    @Override
    public byte[] clientSettings() {
        return new byte[] { 4, 2 };
    }

    @Override
    public Match newMatch(MatchContext context) {
        return new Match() {
            @Override
            public void start(WorldState world) {
                world.setGlobal(0, 0);
            }

            @Override
            public void joined(WorldState world, PlayerSeat player) {
                int seat = player.seat();
                world.put(cardOf(seat), KIND_CARD, seat, valueOf(seat));
                world.hideFromOthers(cardOf(seat), seat);
                world.put(badgeOf(seat), KIND_BADGE, seat, valueOf(seat) * 10);
                world.hideFieldsFromOthers(badgeOf(seat), seat, 0b10);
            }

            @Override
            public void input(WorldState world, PlayerSeat player, byte[] payload) {
                int seat = player.seat();
                if (payload[0] == 1) {
                    world.reveal(cardOf(seat));
                    context.events().toAll(EVENT_REVEALED, new byte[] { (byte) seat, (byte) valueOf(seat) });
                } else {
                    context.events().toSeat(seat, EVENT_PEEK, new byte[] { (byte) valueOf(seat) });
                }
            }

            @Override
            public void step(WorldState world, long tick) {
                world.setGlobal(0, world.getGlobal(0) + 1);
            }

            @Override
            public void left(WorldState world, PlayerSeat player) {
                world.remove(cardOf(player.seat()));
                world.remove(badgeOf(player.seat()));
            }

            @Override
            public boolean isOver(WorldState world) {
                return world.getGlobal(0) >= STEPS;
            }

            @Override
            public List<PlayerResult> results(WorldState world, List<PlayerSeat> players) {
                List<PlayerResult> results = new ArrayList<>();
                for (PlayerSeat p : players) {
                    results.add(new PlayerResult(p.seat(), p.playerId(), p.name(), 0, p.seat() + 1));
                }
                return results;
            }
        };
    }
}
