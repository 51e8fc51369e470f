package dev.quarkade.room;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.quarkade.game.Game;
import dev.quarkade.game.PlayerSeat;
import dev.quarkade.protocol.Limits;

/**
 * The seats of one room: who occupies each (tick thread only) and who holds or occupies one ({@link SeatBook}, safe
 * from any thread). Index loops over {@link #at}, so the tick walks the seats without allocating.
 */
final class Seats {

    private final Occupant[] occupants;
    private final SeatBook book;
    private final Game game;

    Seats(int capacity, Game game) {
        this.occupants = new Occupant[capacity];
        this.book = new SeatBook(capacity);
        this.game = game;
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
        Occupant o = new Occupant(new PlayerSeat(free, playerId, fit(name), game.entityIdOf(free)),
                new ChatAllowance(chatPerMinute, nowMs));
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

    /** Gives up the player's hold (not a seat they occupy); any thread. */
    void releaseHold(UUID player) {
        book.releaseHold(player);
    }

    /** Whether the player occupies a seat (connected or within their grace); any thread. */
    boolean isSeated(UUID player) {
        return book.isSeated(player);
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

    /**
     * The name as ROSTER can carry it: the REST API accepts no longer name, so this never cuts one, but a player's
     * data must never fail the shared ROSTER frame of a tick. Cut at a code point, never inside one.
     */
    static String fit(String name) {
        if (name.length() * 3 <= Limits.MAX_NAME_BYTES
                || name.getBytes(StandardCharsets.UTF_8).length <= Limits.MAX_NAME_BYTES) {
            return name;
        }
        int bytes = 0;
        int end = 0;
        while (end < name.length()) {
            int cp = name.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > Limits.MAX_NAME_BYTES) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return name.substring(0, end);
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
