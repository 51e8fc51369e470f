package dev.quarkade.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.quarkade.room.Room;
import dev.quarkade.room.RoomReport;
import dev.quarkade.room.runtime.OpenRoom;
import dev.quarkade.room.runtime.RoomRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Keeps this node's rooms in the directory: a room is written when it is created and then whenever its status or
 * seated players change (looked for every {@code quarkade.cluster.sync-interval} in the summaries rooms already
 * publish, never on the tick path), and removed when it closes. Nothing is written for a room that did not change.
 */
@ApplicationScoped
public class DirectorySync {

    private static final Logger LOG = Logger.getLogger(DirectorySync.class);

    private final RoomRegistry rooms;
    private final RoomDirectory directory;
    private final ClusterNode node;
    /** What was last written for each of this node's rooms. */
    private final Map<String, String> written = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();

    DirectorySync(RoomRegistry rooms, RoomDirectory directory, ClusterNode node) {
        this.rooms = rooms;
        this.directory = directory;
        this.node = node;
    }

    /** Writes one room now (a room just created or restored here): it completes once the directory has it. */
    public Uni<Void> publish(Room room) {
        String state = state(room);
        return write(room, state).invoke(() -> written.put(room.id(), state));
    }

    /** Writes every room that changed since the last sweep and removes those that closed. */
    void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return; // the previous sweep is still writing
        }
        List<Uni<Void>> writes = new ArrayList<>();
        Set<String> open = new HashSet<>();
        for (OpenRoom entry : rooms.all()) {
            Room room = entry.room();
            if (room.isClosed()) {
                continue;
            }
            open.add(room.id());
            String state = state(room);
            if (!state.equals(written.get(room.id()))) {
                writes.add(write(room, state).invoke(() -> written.put(room.id(), state)));
            }
        }
        for (String id : List.copyOf(written.keySet())) {
            if (!open.contains(id)) {
                writes.add(directory.remove(id, node.id()).invoke(() -> written.remove(id)));
            }
        }
        if (writes.isEmpty()) {
            sweeping.set(false);
            return;
        }
        Uni.join().all(writes).andCollectFailures().subscribe().with(ok -> sweeping.set(false), failure -> {
            sweeping.set(false);
            LOG.warnf("Room directory not updated, retrying on the next sweep: %s", failure.getMessage());
        });
    }

    /** Forgets what was written, so the next sweep writes every room again (after this node's key had expired). */
    void rewriteAll() {
        written.clear();
    }

    private Uni<Void> write(Room room, String state) {
        RoomReport report = room.report();
        List<UUID> seated = report.players().stream().map(RoomReport.SeatReport::playerId).toList();
        return directory.put(room.id(), node.id(), room.game().id(), room.capacity(), room.summary().status(), seated);
    }

    /** Status and seated players: what the directory needs to know of a room. */
    private static String state(Room room) {
        StringBuilder s = new StringBuilder(room.summary().status());
        room.report().players().stream().map(p -> p.playerId().toString()).sorted().forEach(p -> s.append(',').append(p));
        return s.toString();
    }
}
