package dev.quarkade.room.runtime;

import java.security.SecureRandom;
import java.util.SplittableRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.quarkade.game.Game;
import dev.quarkade.room.Room;
import dev.quarkade.room.RoomSettings;
import dev.quarkade.room.SavedRoom;

/** Opens rooms on this node, new ones or saved ones restored, and starts their ticks. */
@ApplicationScoped
public class RoomOpener {

    private static final Logger LOG = Logger.getLogger(RoomOpener.class);
    /** 32 characters easy to read aloud (no 0/o, 1/l). */
    private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final int ID_LENGTH = 12;

    private final GameCatalog games;
    private final RoomRegistry registry;
    private final int maxRooms;
    private final RoomTicker ticker;
    private final RoomSettings settings;
    private final RoomEvents listener;
    /** Created with the bean at run time, never at build time: room ids and match seeds must not be predictable. */
    private final SecureRandom seeds = new SecureRandom();

    RoomOpener(GameCatalog games, RoomRegistry registry, RoomConfig config, RoomTicker ticker, RoomSettings settings,
            RoomEvents listener) {
        this.games = games;
        this.registry = registry;
        this.maxRooms = config.maxRooms();
        this.ticker = ticker;
        this.settings = settings;
        this.listener = listener;
    }

    /**
     * Creates a room of {@code gameId} with {@code capacity} seats (null: the game's default) and starts it.
     *
     * @throws UnknownGameException for a game this server lacks or a capacity it does not allow
     * @throws RoomLimitException when {@code quarkade.room.max-rooms} are open here
     */
    public Room create(String gameId, Integer capacity) {
        Game game = games.require(gameId, capacity);
        if (registry.size() >= maxRooms) {
            throw new RoomLimitException(maxRooms + " rooms are open on this server");
        }
        int seats = GameCatalog.seatsOf(game, capacity);
        Room room = new Room(newRoomId(), game, seats, settings, listener, new SplittableRandom(seeds.nextLong()),
                System.currentTimeMillis());
        ticker.start(room);
        LOG.debugf("Room %s (%s, %d seats) created", room.id(), gameId, seats);
        return room;
    }

    /**
     * Opens a saved room again on this node: same id, tick, world and seats, every seat DROPPED with the reconnect
     * grace starting now ({@link Room#restore}); it ticks from now on.
     *
     * @throws IllegalArgumentException if this node has no such game, the saved room does not fit it, or a room of
     *         that id is already open here
     */
    public Room restore(SavedRoom saved) {
        Game game = games.find(saved.gameId())
                .orElseThrow(() -> new IllegalArgumentException("no game " + saved.gameId()));
        Room room = Room.restore(saved, game, settings, listener, new SplittableRandom(seeds.nextLong()),
                System.currentTimeMillis());
        ticker.start(room);
        return room;
    }

    private String newRoomId() {
        // 12 characters of base 32: short enough to read aloud, too many to guess.
        StringBuilder id = new StringBuilder(ID_LENGTH);
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ID_ALPHABET.charAt(seeds.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
