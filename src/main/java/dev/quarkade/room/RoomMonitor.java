package dev.quarkade.room;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a room shows of itself to other threads: the {@link RoomSummary} for listings, written every tick, and the
 * operator's {@link RoomReport}, written every second and whenever the roster was sent. Both are immutable and
 * volatile, so any thread reads them without touching room state. Written on the tick thread only.
 */
final class RoomMonitor {

    private final String roomId;
    private final String gameId;
    private final int capacity;
    private final RoomStats stats;
    private volatile RoomSummary summary;
    private volatile RoomReport report;

    RoomMonitor(String roomId, String gameId, int capacity, int tickRate) {
        this.roomId = roomId;
        this.gameId = gameId;
        this.capacity = capacity;
        this.stats = new RoomStats(tickRate);
    }

    RoomSummary summary() {
        return summary;
    }

    RoomReport report() {
        return report;
    }

    /** Records one tick's cost; true when a second has passed, so the report is due. */
    boolean ticked(long nowMs, long nanos, long bytesSent) {
        return stats.record(nowMs, nanos, bytesSent);
    }

    void publishSummary(int players, int seatsTaken, RoomStatus status) {
        summary = new RoomSummary(roomId, gameId, players, seatsTaken, capacity, status.json());
    }

    void publishReport(RoomStatus status, long tick, Seats seats, long nowMs) {
        List<RoomReport.SeatReport> players = new ArrayList<>();
        for (int i = 0; i < seats.capacity(); i++) {
            Occupant o = seats.at(i);
            if (o != null) {
                players.add(new RoomReport.SeatReport(o.player.seat(), o.player.playerId(), o.player.name(),
                        o.liveness.name().toLowerCase(Locale.ROOT), o.isConnected() ? o.channel.rttMillis() : 0));
            }
        }
        report = new RoomReport(roomId, gameId, status.json(), capacity, tick, stats.tickP99Nanos() / 1e6,
                stats.bytesPerSecond(), nowMs, players);
    }
}
