package dev.quarkade.guide;

import java.util.List;

import dev.quarkade.game.Game;
import dev.quarkade.game.GameRules;
import dev.quarkade.game.Match;
import dev.quarkade.game.MatchContext;
import dev.quarkade.game.PlayerResult;
import dev.quarkade.game.PlayerSeat;
import dev.quarkade.sync.WorldState;

/** Tic-tac-toe on Quarkade: the complete example of docs/games.md. */
public class TicTacToe implements Game {

    // The world: global 0 = whose turn (seat), global 1 = winner (seat + 1; 3 for a draw; 0 while playing);
    // entity 10 + cell (0..8) = a mark, kind 1, field 0 = the seat that played it.
    static final int TURN = 0, WINNER = 1, KIND_MARK = 1, DRAW = 3;
    // Game events: 1 = a mark was played (payload: seat, cell), to everyone.
    static final int EVENT_PLAYED = 1;

    @Override
    public String id() {
        return "tictactoe";
    }

    @Override
    public GameRules rules() {
        // Two seats, 10 ticks a second, no timed step (the world only changes on input), two players to begin.
        return GameRules.of(2, 2).withTickRate(10).withStepEvery(0).withMinPlayers(2);
    }

    @Override
    public int globalCount() {
        return 2;
    }

    @Override
    public boolean isValidInput(byte[] payload) {
        return payload.length == 1 && payload[0] >= 0 && payload[0] < 9; // the cell to mark
    }

    @Override
    public Match newMatch(MatchContext context) {
        return new Match() {
            @Override
            public void start(WorldState world) {
                world.setGlobal(TURN, 0);
                world.setGlobal(WINNER, 0);
            }

            @Override
            public void joined(WorldState world, PlayerSeat player) {
            }

            @Override
            public void input(WorldState world, PlayerSeat player, byte[] payload) {
                int cell = payload[0];
                boolean myTurn = world.getGlobal(TURN) == player.seat() && world.getGlobal(WINNER) == 0;
                if (!myTurn || world.contains(10 + cell)) {
                    return; // not a move the rules allow: ignored
                }
                world.put(10 + cell, KIND_MARK, player.seat());
                context.events().toAll(EVENT_PLAYED, new byte[] { (byte) player.seat(), (byte) cell });
                world.setGlobal(WINNER, winner(world));
                world.setGlobal(TURN, 1 - player.seat());
            }

            @Override
            public void left(WorldState world, PlayerSeat player) {
                if (world.getGlobal(WINNER) == 0) {
                    world.setGlobal(WINNER, 2 - player.seat()); // the other seat wins
                }
            }

            @Override
            public boolean isOver(WorldState world) {
                return world.getGlobal(WINNER) != 0;
            }

            @Override
            public List<PlayerResult> results(WorldState world, List<PlayerSeat> players) {
                int winner = world.getGlobal(WINNER) - 1; // a seat, or 2 for a draw
                return players.stream()
                        .map(p -> new PlayerResult(p.seat(), p.playerId(), p.name(), p.seat() == winner ? 1 : 0,
                                winner == 2 || p.seat() == winner ? 1 : 2))
                        .sorted((a, b) -> a.placement() - b.placement()).toList();
            }
        };
    }

    private static final int[][] LINES = { { 0, 1, 2 }, { 3, 4, 5 }, { 6, 7, 8 }, { 0, 3, 6 }, { 1, 4, 7 },
            { 2, 5, 8 }, { 0, 4, 8 }, { 2, 4, 6 } };

    /** Seat + 1 of a player with three in a line, DRAW when the board is full, else 0. */
    static int winner(WorldState world) {
        for (int[] line : LINES) {
            int a = markAt(world, line[0]);
            if (a >= 0 && a == markAt(world, line[1]) && a == markAt(world, line[2])) {
                return a + 1;
            }
        }
        for (int cell = 0; cell < 9; cell++) {
            if (markAt(world, cell) < 0) {
                return 0;
            }
        }
        return DRAW;
    }

    private static int markAt(WorldState world, int cell) {
        return world.contains(10 + cell) ? world.get(10 + cell, 0) : -1;
    }
}
