package dev.quarkade.lobby;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.api.ApiException;
import dev.quarkade.room.Room;
import dev.quarkade.room.RoomSettings;
import dev.quarkade.room.RoomSummary;
import dev.quarkade.room.durable.DurableRooms;
import dev.quarkade.room.runtime.GameCatalog;
import dev.quarkade.room.runtime.OpenRoom;
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

    LocalRooms(RoomRegistry registry, RoomOpener opener, GameCatalog games, DurableRooms durable,
            RoomSettings settings) {
        this.registry = registry;
        this.opener = opener;
        this.games = games;
        this.durable = durable;
        this.seatHoldMs = settings.seatHold().toMillis();
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

    /** A new room here; 400 for an unknown game or capacity, 503 while shutting down. */
    public Room create(String game, Integer capacity) {
        refuseWhileDraining();
        try {
            return opener.create(game, capacity);
        } catch (UnknownGameException e) {
            throw ApiException.badRequest(games.has(game) ? "invalid_capacity" : "unknown_game", e.getMessage());
        }
    }

    /** Holds a seat in {@code room} for {@code player} (or confirms the one they have); false when it is full. */
    public boolean hold(Room room, UUID player) {
        return room.hold(player, System.currentTimeMillis());
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
        long now = System.currentTimeMillis();
        // Fullest rooms first, so players meet each other instead of spreading over half-empty rooms.
        List<Room> candidates = registry.all().stream().map(OpenRoom::room).filter(r -> r.game().id().equals(game))
                .sorted(Comparator.comparingInt((Room r) -> -r.summary().players())).toList();
        for (Room room : candidates) {
            if (room.hold(player, now)) {
                return room;
            }
        }
        // Creating under the lock keeps a burst of players from opening one room each.
        synchronized (this) {
            // Read again: a room another caller created under this lock meanwhile is among them now.
            for (OpenRoom entry : registry.all()) {
                Room room = entry.room();
                if (room.game().id().equals(game) && room.hold(player, now)) {
                    return room;
                }
            }
            Room room = create(game, null);
            room.hold(player, now);
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
        return new Lobby.ListedRoom(s.roomId(), s.game(), s.players(), s.capacity(), s.status(), null,
                RoomUrls.wsUrl(base, s.roomId()));
    }
}
