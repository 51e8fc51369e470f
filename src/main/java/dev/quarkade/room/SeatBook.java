package dev.quarkade.room;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who holds or occupies the seats of one room. It is the one place that decides whether a player may have a seat, and
 * it is called from REST handlers and upgrade checks on any event loop, so its methods are synchronized (short, no
 * I/O). Holding a seat before the WebSocket opens is what stops two players racing for the last one.
 */
final class SeatBook {

    private final int capacity;
    private final Set<UUID> seated = new HashSet<>();
    private final Map<UUID, Long> heldUntil = new HashMap<>();

    SeatBook(int capacity) {
        this.capacity = capacity;
    }

    /** Holds a seat for {@code player} until {@code untilMs}; true if they have one (held or occupied) afterwards. */
    synchronized boolean hold(UUID player, long nowMs, long untilMs) {
        if (seated.contains(player)) {
            return true;
        }
        purge(nowMs);
        if (heldUntil.containsKey(player) || seated.size() + heldUntil.size() < capacity) {
            heldUntil.merge(player, untilMs, Math::max);
            return true;
        }
        return false;
    }

    /** Turns the player's hold into an occupied seat; false when they had neither (the hold expired and the room filled). */
    synchronized boolean occupy(UUID player, long nowMs) {
        if (seated.contains(player)) {
            return true;
        }
        purge(nowMs);
        boolean held = heldUntil.remove(player) != null;
        if (held || seated.size() + heldUntil.size() < capacity) {
            seated.add(player);
            return true;
        }
        return false;
    }

    synchronized void release(UUID player) {
        seated.remove(player);
        heldUntil.remove(player);
    }

    synchronized int occupied() {
        return seated.size();
    }

    /** Occupied plus held seats still valid at {@code nowMs}. */
    synchronized int taken(long nowMs) {
        purge(nowMs);
        return seated.size() + heldUntil.size();
    }

    private void purge(long nowMs) {
        heldUntil.values().removeIf(until -> until <= nowMs);
    }
}
