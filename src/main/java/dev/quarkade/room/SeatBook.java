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
    /**
     * Players whose hold ran out without a connection, until when they may not hold here again: otherwise asking the
     * moment a hold ends would keep a seat for good. At most one entry per seat-hold granted, purged as they end.
     */
    private final Map<UUID, Long> lapsedUntil = new HashMap<>();
    private long holdMs;

    SeatBook(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Holds a seat for {@code player} until {@code untilMs}; true if they have one (held or occupied) afterwards. A
     * hold already there is kept as it is, never extended: asking again does not keep a seat from others for good.
     */
    synchronized boolean hold(UUID player, long nowMs, long untilMs) {
        if (seated.contains(player)) {
            return true;
        }
        purge(nowMs);
        if (heldUntil.containsKey(player)) {
            return true;
        }
        if (lapsedUntil.containsKey(player)) {
            return false;
        }
        if (seated.size() + heldUntil.size() < capacity) {
            heldUntil.put(player, untilMs);
            holdMs = untilMs - nowMs;
            return true;
        }
        return false;
    }

    /** Gives up the player's hold, if they hold a seat and do not occupy one. */
    synchronized void releaseHold(UUID player) {
        heldUntil.remove(player);
    }

    /** Whether the player occupies a seat. */
    synchronized boolean isSeated(UUID player) {
        return seated.contains(player);
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
        lapsedUntil.remove(player);
    }

    synchronized int occupied() {
        return seated.size();
    }

    /** Occupied plus held seats still valid at {@code nowMs}. */
    synchronized int taken(long nowMs) {
        purge(nowMs);
        return seated.size() + heldUntil.size();
    }

    /** Ends the holds due by {@code nowMs}; a player whose hold ended waits as long again before holding here anew. */
    private void purge(long nowMs) {
        lapsedUntil.values().removeIf(until -> until <= nowMs);
        var holds = heldUntil.entrySet().iterator();
        while (holds.hasNext()) {
            var hold = holds.next();
            if (hold.getValue() <= nowMs) {
                lapsedUntil.put(hold.getKey(), hold.getValue() + holdMs);
                holds.remove();
            }
        }
    }
}
