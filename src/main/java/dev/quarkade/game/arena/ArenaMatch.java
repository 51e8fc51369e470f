package dev.quarkade.game.arena;

import static dev.quarkade.game.arena.ArenaWorld.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

import dev.quarkade.game.Match;
import dev.quarkade.game.MatchContext;
import dev.quarkade.game.PlayerResult;
import dev.quarkade.game.PlayerSeat;
import dev.quarkade.sync.WorldState;

/**
 * One arena match. Movement is applied per input (not per tick) so a client can predict its own position exactly:
 * replaying its unacknowledged inputs on the last authoritative position gives the server's answer.
 */
final class ArenaMatch implements Match {

    /** The numbers of one match, fixed when it starts. */
    record Rules(int matchTicks, int orbs, int playerSpeed, int orbValue) {
    }

    private final Rules rules;
    private final RandomGenerator random;

    ArenaMatch(MatchContext context, Rules rules) {
        this.rules = rules;
        this.random = context.random();
    }

    @Override
    public void start(WorldState world) {
        world.setGlobal(GLOBAL_PHASE, PHASE_WAITING);
        world.setGlobal(GLOBAL_TICKS_LEFT, rules.matchTicks());
        for (int i = 0; i < rules.orbs(); i++) {
            world.put(FIRST_ORB_ID + i, KIND_ORB, randomX(), randomY(), rules.orbValue());
        }
    }

    @Override
    public void joined(WorldState world, PlayerSeat player) {
        world.put(player.entityId(), KIND_PLAYER, randomX(), randomY(), 0);
        if (world.getGlobal(GLOBAL_PHASE) == PHASE_WAITING) {
            world.setGlobal(GLOBAL_PHASE, PHASE_PLAYING);
        }
    }

    @Override
    public void input(WorldState world, PlayerSeat player, byte[] payload) {
        int id = player.entityId();
        if (!world.contains(id) || world.getGlobal(GLOBAL_PHASE) != PHASE_PLAYING) {
            return;
        }
        int speed = (payload[2] & ArenaInput.DASH) != 0 ? rules.playerSpeed() * 2 : rules.playerSpeed();
        int x = clamp(world.get(id, PLAYER_X) + payload[0] * speed / 127, WIDTH);
        int y = clamp(world.get(id, PLAYER_Y) + payload[1] * speed / 127, HEIGHT);
        world.set(id, PLAYER_X, x);
        world.set(id, PLAYER_Y, y);
        collectOrbs(world, id, x, y);
    }

    @Override
    public void step(WorldState world, long tick) {
        if (world.getGlobal(GLOBAL_PHASE) != PHASE_PLAYING) {
            return;
        }
        int left = world.getGlobal(GLOBAL_TICKS_LEFT) - 1;
        world.setGlobal(GLOBAL_TICKS_LEFT, left);
        if (left <= 0) {
            world.setGlobal(GLOBAL_PHASE, PHASE_OVER);
        }
    }

    @Override
    public void left(WorldState world, PlayerSeat player) {
        world.remove(player.entityId());
    }

    @Override
    public boolean isOver(WorldState world) {
        return world.getGlobal(GLOBAL_PHASE) == PHASE_OVER;
    }

    @Override
    public List<PlayerResult> results(WorldState world, List<PlayerSeat> players) {
        List<PlayerSeat> ranked = new ArrayList<>(players);
        ranked.removeIf(p -> !world.contains(p.entityId()));
        ranked.sort(Comparator.comparingInt((PlayerSeat p) -> -world.get(p.entityId(), PLAYER_SCORE))
                .thenComparingInt(PlayerSeat::seat));
        List<PlayerResult> results = new ArrayList<>(ranked.size());
        int placement = 0;
        int previousScore = Integer.MIN_VALUE;
        for (int i = 0; i < ranked.size(); i++) {
            PlayerSeat p = ranked.get(i);
            int score = world.get(p.entityId(), PLAYER_SCORE);
            if (score != previousScore) {
                placement = i + 1;
                previousScore = score;
            }
            results.add(new PlayerResult(p.seat(), p.playerId(), p.name(), score, placement));
        }
        return results;
    }

    private void collectOrbs(WorldState world, int playerId, int x, int y) {
        for (int i = 0; i < rules.orbs(); i++) {
            int orb = FIRST_ORB_ID + i;
            long dx = world.get(orb, ORB_X) - x;
            long dy = world.get(orb, ORB_Y) - y;
            if (dx * dx + dy * dy <= (long) PICKUP_DISTANCE * PICKUP_DISTANCE) {
                world.set(playerId, PLAYER_SCORE, world.get(playerId, PLAYER_SCORE) + world.get(orb, ORB_VALUE));
                world.set(orb, ORB_X, randomX());
                world.set(orb, ORB_Y, randomY());
            }
        }
    }

    private int randomX() {
        return 40 + random.nextInt(WIDTH - 80);
    }

    private int randomY() {
        return 40 + random.nextInt(HEIGHT - 80);
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
