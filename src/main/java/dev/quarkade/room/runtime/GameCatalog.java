package dev.quarkade.room.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import dev.quarkade.game.Game;

/** The games this server runs: every {@link Game} bean, by its id. */
@ApplicationScoped
public class GameCatalog {

    private final Map<String, Game> games = new TreeMap<>();

    GameCatalog(Instance<Game> games) {
        games.forEach(g -> this.games.put(g.id(), g));
    }

    public Optional<Game> find(String gameId) {
        return Optional.ofNullable(games.get(gameId));
    }

    public boolean has(String gameId) {
        return games.containsKey(gameId);
    }

    public Set<String> ids() {
        return games.keySet();
    }

    /**
     * The game of a new room of {@code capacity} seats (null: the game's default).
     *
     * @throws UnknownGameException for a game this server lacks, or a capacity the game does not allow
     */
    Game require(String gameId, Integer capacity) {
        Game game = games.get(gameId);
        if (game == null) {
            throw new UnknownGameException("unknown game '" + gameId + "'; this server has " + games.keySet());
        }
        int seats = seatsOf(game, capacity);
        if (seats < 1 || seats > game.rules().maxCapacity()) {
            throw new UnknownGameException("capacity must be 1.." + game.rules().maxCapacity() + " for " + gameId);
        }
        return game;
    }

    /** The seats of a new room of {@code game}: {@code capacity}, or the game's default when null. */
    static int seatsOf(Game game, Integer capacity) {
        return capacity == null ? game.rules().defaultCapacity() : capacity;
    }
}
