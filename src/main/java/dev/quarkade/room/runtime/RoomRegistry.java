package dev.quarkade.room.runtime;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.quarkade.room.Room;
import dev.quarkade.room.RoomSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The rooms open on this node, by id. Once the server begins to shut down ({@link #startDraining}) it hands out no
 * room any more: listings are empty, look-ups find nothing and readiness reports DOWN.
 */
@ApplicationScoped
public class RoomRegistry {

    private final Map<String, OpenRoom> open = new ConcurrentHashMap<>();
    private volatile boolean draining;

    RoomRegistry(MeterRegistry metrics) {
        Gauge.builder("quarkade.rooms", open, Map::size).description("Open rooms").register(metrics);
        Gauge.builder("quarkade.players", this, RoomRegistry::players).description("Players seated in open rooms")
                .register(metrics);
    }

    /** The open, not closed room of that id; none once draining. */
    public Optional<Room> find(String roomId) {
        OpenRoom entry = draining ? null : open.get(roomId);
        return entry == null || entry.room().isClosed() ? Optional.empty() : Optional.of(entry.room());
    }

    /** The summaries of the rooms that are not closed. */
    public List<RoomSummary> list() {
        return open.values().stream().map(e -> e.room().summary()).filter(s -> !"closed".equals(s.status()))
                .toList();
    }

    /** Every room still registered here, closed ones that have not stopped ticking yet included. */
    public Collection<OpenRoom> all() {
        return open.values();
    }

    /** Rooms registered here. */
    public int size() {
        return open.size();
    }

    /** Players seated in the rooms registered here. */
    public int players() {
        int players = 0;
        for (OpenRoom entry : open.values()) {
            players += entry.room().summary().players();
        }
        return players;
    }

    /** True once shutdown began: no new room or seat is handed out and readiness reports DOWN. */
    public boolean isDraining() {
        return draining;
    }

    void startDraining() {
        draining = true;
    }

    OpenRoom entry(String roomId) {
        return open.get(roomId);
    }

    /** Registers a room; false when a room of that id is already here. */
    boolean add(OpenRoom entry) {
        return open.putIfAbsent(entry.id(), entry) == null;
    }

    void remove(OpenRoom entry) {
        open.remove(entry.id(), entry);
    }
}
