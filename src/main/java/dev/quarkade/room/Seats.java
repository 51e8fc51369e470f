package dev.quarkade.room;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.quarkade.game.PlayerSeat;

/**
 * The seats of one room: who occupies each (tick thread only) and who holds or occupies one ({@link SeatBook}, safe
 * from any thread). Index loops over {@link #at}, so the tick walks the seats without allocating.
 */
final class Seats {

    private final Occupant[] occupants;
    private final SeatBook book;

    Seats(int capacity) {
        this.occupants = new Occupant[capacity];
        this.book = new SeatBook(capacity);
    }

    int capacity() {
        return occupants.length;
    }

    /** The occupant of seat {@code index}, or null when it is free. */
    Occupant at(int index) {
        return occupants[index];
    }

    Occupant of(PlayerChannel channel) {
        for (Occupant o : occupants) {
            if (o != null && o.channel == channel) {
                return o;
            }
        }
        return null;
    }

    Occupant of(UUID playerId) {
        for (Occupant o : occupants) {
            if (o != null && o.player.playerId().equals(playerId)) {
                return o;
            }
        }
        return null;
    }

    /** Holds a seat for {@code player} until {@code untilMs} (see {@link SeatBook#hold}); any thread. */
    boolean hold(UUID player, long nowMs, long untilMs) {
        return book.hold(player, nowMs, untilMs);
    }

    /**
     * Seats {@code playerId} in the first free seat, taking their hold; null when there is no free seat or the
     * player's hold expired and the room filled meanwhile.
     */
    Occupant seat(UUID playerId, String name, int chatPerMinute, long nowMs) {
        int free = freeIndex();
        if (free < 0 || !book.occupy(playerId, nowMs)) {
            return null;
        }
        // Entity ids 1..capacity belong to the seats (Match's contract).
        Occupant o = new Occupant(new PlayerSeat(free, playerId, name, free + 1), new ChatAllowance(chatPerMinute,
                nowMs));
        occupants[free] = o;
        return o;
    }

    /** Puts back a saved seat's player, dropped since {@code nowMs}; fails when the seat does not fit this room. */
    Occupant restore(SavedRoom.SavedSeat saved, int chatPerMinute, long nowMs) {
        PlayerSeat player = saved.player();
        if (player.seat() >= occupants.length || occupants[player.seat()] != null) {
            throw new IllegalArgumentException("seat " + player.seat() + " does not fit");
        }
        Occupant o = new Occupant(player, new ChatAllowance(chatPerMinute, nowMs));
        o.liveness = Liveness.DROPPED;
        o.droppedAtMs = nowMs;
        o.lastInputSeq = saved.lastInputSeq();
        occupants[player.seat()] = o;
        book.occupy(player.playerId(), nowMs);
        return o;
    }

    /** Frees the occupant's seat. */
    void release(Occupant o) {
        occupants[o.player.seat()] = null;
        book.release(o.player.playerId());
    }

    /** Occupied seats; any thread. */
    int occupied() {
        return book.occupied();
    }

    /** Occupied plus validly held seats at {@code nowMs}; any thread. */
    int taken(long nowMs) {
        return book.taken(nowMs);
    }

    /** The seated players, in seat order. */
    List<PlayerSeat> players() {
        List<PlayerSeat> players = new ArrayList<>(occupants.length);
        for (Occupant o : occupants) {
            if (o != null) {
                players.add(o.player);
            }
        }
        return players;
    }

    private int freeIndex() {
        for (int i = 0; i < occupants.length; i++) {
            if (occupants[i] == null) {
                return i;
            }
        }
        return -1;
    }
}
