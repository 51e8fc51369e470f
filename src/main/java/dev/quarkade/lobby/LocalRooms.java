package dev.quarkade.lobby;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.api.ApiException;
import dev.quarkade.room.Room;
import dev.quarkade.room.RoomSettings;
import dev.quarkade.room.RoomSummary;
import dev.quarkade.room.durable.DurableRooms;
import dev.quarkade.room.runtime.GameCatalog;
import dev.quarkade.room.runtime.OpenRoom;
import dev.quarkade.room.runtime.RoomConfig;
import dev.quarkade.room.runtime.RoomLimitException;
import dev.quarkade.room.runtime.RoomOpener;
import dev.quarkade.room.runtime.RoomRegistry;
import dev.quarkade.room.runtime.UnknownGameException;
import io.smallrye.mutiny.Uni;

/**
 * This node's rooms as the lobby sees them, whichever lobby answers: find one (or bring it back from its snapshot
 * when rooms are durable), create one, hold a seat in one, or find a seat in any.
 */
@ApplicationScoped
public class LocalRooms {

    private final RoomRegistry registry;
    private final RoomOpener opener;
    private final GameCatalog games;
    private final DurableRooms durable;
    private final long seatHoldMs;
    private final int maxRoomsPerPlayer;
    /** The rooms each player created here, while open: bounded by {@code quarkade.room.max-rooms} in all. */
    private final Map<UUID, Set<String>> created = new ConcurrentHashMap<>();
    /** The room each player holds a seat in (not yet occupied): one live hold per player. */
    private final Map<UUID, Room> heldIn = new ConcurrentHashMap<>();

    LocalRooms(RoomRegistry registry, RoomOpener opener, GameCatalog games, DurableRooms durable,
            RoomSettings settings, RoomConfig config) {
        this.registry = registry;
        this.opener = opener;
        this.games = games;
        this.durable = durable;
        this.seatHoldMs = settings.seatHold().toMillis();
        this.maxRoomsPerPlayer = config.maxRoomsPerPlayer();
    }

    /** The open room of that id here, if any. */
    public Optional<Room> find(String roomId) {
        return registry.find(roomId);
    }

    /**
     * The room of that id here: open, or restored now from the snapshot of a node that is gone (only with durable
     * rooms; see {@link DurableRooms#restore}). Empty when there is neither.
     */
    public Uni<Optional<Room>> findOrRestore(String roomId) {
        Optional<Room> open = registry.find(roomId);
        if (open.isPresent()) {
            return Uni.createFrom().item(open);
        }
        // Empty after a concurrent restore on this node too: that one completes first, and registers the room.
        return durable.restore(roomId).map(restored -> restored.or(() -> registry.find(roomId)));
    }

    /**
     * A new room here, created by {@code creator}; 400 for an unknown game or capacity, 429 when the creator has
     * {@code quarkade.room.max-rooms-per-player} open rooms or this node {@code quarkade.room.max-rooms}, 503 while
     * shutting down.
     */
    public Room create(String game, Integer capacity, UUID creator) {
        refuseWhileDraining();
        if (created.size() > 2 * registry.size() + 64) {
            // Players whose rooms have all closed: forgotten, so the map stays as small as the open rooms.
            created.values().removeIf(own -> own.stream().allMatch(id -> registry.find(id).isEmpty()));
        }
        Set<String> own = created.computeIfAbsent(creator, p -> ConcurrentHashMap.newKeySet());
        synchronized (own) {
            own.removeIf(id -> registry.find(id).isEmpty()); // closed since
            if (own.size() >= maxRoomsPerPlayer) {
                throw new ApiException(429, "too_many_rooms", "You have " + own.size()
                        + " open rooms; one must close before you create another", RETRY_LATER);
            }
            try {
                Room room = opener.create(game, capacity);
                own.add(room.id());
                return room;
            } catch (UnknownGameException e) {
                throw ApiException.badRequest(games.has(game) ? "invalid_capacity" : "unknown_game", e.getMessage());
            } catch (RoomLimitException e) {
                throw new ApiException(429, "server_full", e.getMessage() + "; try again later", RETRY_LATER);
            }
        }
    }

    /**
     * Holds a seat in {@code room} for {@code player} (or confirms the one they have); false when it is full. A player
     * holds one seat at a time: a hold in another room is given up, and a hold is never extended by asking again.
     */
    public boolean hold(Room room, UUID player) {
        if (!room.hold(player, System.currentTimeMillis())) {
            return false;
        }
        if (!room.isSeated(player)) {
            Room before = heldIn.put(player, room);
            if (before != null && before != room) {
                before.releaseHold(player);
            }
        }
        forgetEndedHolds();
        return true;
    }

    /** Keeps {@link #heldIn} bounded: entries of rooms closed since, or of players seated since, go. */
    private void forgetEndedHolds() {
        if (heldIn.size() > 2 * Math.max(1, registry.size()) * 16) {
            heldIn.entrySet().removeIf(e -> e.getValue().isClosed() || e.getValue().isSeated(e.getKey()));
        }
    }

    /**
     * A room of {@code game} here where {@code player} now holds a seat: one they already have, the fullest with a
     * free seat, or a new one.
     */
    public Room holdAnywhere(String game, UUID player) {
        refuseWhileDraining();
        if (!games.has(game)) {
            throw LobbyErrors.unknownGame(game);
        }
        // Fullest rooms first, so players meet each other instead of spreading over half-empty rooms.
        List<Room> candidates = registry.all().stream().map(OpenRoom::room).filter(r -> r.game().id().equals(game))
                .sorted(Comparator.comparingInt((Room r) -> -r.summary().players())).toList();
        for (Room room : candidates) {
            if (hold(room, player)) {
                return room;
            }
        }
        // Creating under the lock keeps a burst of players from opening one room each.
        synchronized (this) {
            // Read again: a room another caller created under this lock meanwhile is among them now.
            for (OpenRoom entry : registry.all()) {
                Room room = entry.room();
                if (room.game().id().equals(game) && hold(room, player)) {
                    return room;
                }
            }
            Room room = create(game, null, player);
            hold(room, player);
            return room;
        }
    }

    /** Whether rooms of dead nodes are restored from their snapshots ({@code quarkade.room.durable}). */
    public boolean restoresRooms() {
        return durable.enabled();
    }

    public boolean hasGame(String game) {
        return games.has(game);
    }

    public boolean isDraining() {
        return registry.isDraining();
    }

    private static final Map<String, String> RETRY_LATER = Map.of("Retry-After", "60");

    /** 503 {@code shutting_down} once the server is shutting down. */
    public void refuseWhileDraining() {
        if (registry.isDraining()) {
            throw LobbyErrors.shuttingDown();
        }
    }

    /** How long a seat held for a player stays theirs before they connect ({@code quarkade.room.seat-hold}). */
    public long seatHoldMs() {
        return seatHoldMs;
    }

    /** The summaries of this node's open rooms. */
    public List<RoomSummary> summaries() {
        return registry.list();
    }

    /** A room of this node as the lobby lists it, reached at {@code base}. */
    public static Lobby.ListedRoom listed(RoomSummary s, String base) {
        return new Lobby.ListedRoom(s.roomId(), s.game(), s.players(), s.seatsTaken(), s.capacity(), s.status(), null,
                RoomUrls.wsUrl(base, s.roomId()));
    }
}
