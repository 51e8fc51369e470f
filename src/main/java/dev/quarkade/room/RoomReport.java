package dev.quarkade.room;

import java.util.List;
import java.util.UUID;

/**
 * What an operator sees of a room: its seats with each player's liveness and RTT, and how hard it works. A room
 * publishes a new one every second and whenever its roster changes; it is immutable, so any thread may read it.
 */
public record RoomReport(String roomId, String game, String status, int capacity, long tick, double tickP99Ms,
        long bytesPerSecond, long at, List<SeatReport> players) {

    public RoomReport {
        players = List.copyOf(players);
    }

    /** One occupied seat; {@code rttMs} is 0 while the player is dropped or not measured yet. */
    public record SeatReport(int seat, UUID playerId, String name, String liveness, int rttMs) {
    }
}
