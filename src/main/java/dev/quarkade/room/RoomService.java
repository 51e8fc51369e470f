package dev.quarkade.room;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.quarkade.game.Game;
import dev.quarkade.protocol.CloseCodes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Creates, finds and lists rooms, and drives their ticks. Each room is pinned to one Vert.x event loop (round robin)
 * and ticks there at a fixed rate; inputs reach it through its inbox, so no room state is ever shared between threads.
 */
@ApplicationScoped
public class RoomService {

    private static final Logger LOG = Logger.getLogger(RoomService.class);
    /** How long a shutdown waits for the last snapshots of durable rooms. */
    static final Duration FINAL_SNAPSHOT_WAIT = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final Map<String, Game> games = new ConcurrentHashMap<>();
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> tickers = new ConcurrentHashMap<>();
    private final RoomSettings settings;
    private final RoomListener listener;
    private final SecureRandom seeds = new SecureRandom();
    private final boolean durable;
    private final SnapshotWriter snapshotWriter;
    private volatile boolean draining;

    public RoomService(Vertx vertx, Instance<Game> games, RoomConfig room, ReconnectConfig reconnect,
            RoomEvents listener, MeterRegistry metrics, SnapshotWriter snapshotWriter) {
        this.vertx = vertx;
        this.durable = room.durable();
        this.snapshotWriter = snapshotWriter;
        games.forEach(g -> this.games.put(g.id(), g));
        this.settings = new RoomSettings(room.tickRate(), reconnect.grace(), room.idleTimeout(), room.seatHold(),
                room.intermission(), room.maxInputsPerTick(), room.chatPerMinute(), room.inboxPerSeat());
        this.listener = listener;
        Gauge.builder("quarkade.rooms", rooms, Map::size).description("Open rooms").register(metrics);
        Gauge.builder("quarkade.players", rooms, all -> all.values().stream().mapToInt(r -> r.summary().players()).sum())
                .description("Players seated in open rooms").register(metrics);
    }

    public RoomSettings settings() {
        return settings;
    }

    /** Creates a room of {@code gameId}; {@code capacity} null means the game's default. */
    public Room create(String gameId, Integer capacity) {
        Game game = games.get(gameId);
        if (game == null) {
            throw new UnknownGameException("unknown game '" + gameId + "'; this server has " + games.keySet());
        }
        int seats = capacity == null ? game.defaultCapacity() : capacity;
        if (seats < 1 || seats > game.maxCapacity()) {
            throw new UnknownGameException("capacity must be 1.." + game.maxCapacity() + " for " + gameId);
        }
        String id = newRoomId();
        Room room = new Room(id, game, seats, settings, listener, new SplittableRandom(seeds.nextLong()),
                System.currentTimeMillis());
        rooms.put(id, room);
        schedule(room);
        LOG.debugf("Room %s (%s, %d seats) created", id, gameId, seats);
        return room;
    }

    /**
     * A room of {@code gameId} where {@code player} now holds a seat: one they already have, the first with a free
     * seat, or a new one. The seat is held for {@code quarkade.room.seat-hold} so nobody else can take it meanwhile.
     */
    public Room joinOrCreate(String gameId, UUID player) {
        long now = System.currentTimeMillis();
        // Fullest rooms first, so players meet each other instead of spreading over half-empty rooms.
        List<Room> candidates = rooms.values().stream().filter(r -> r.game().id().equals(gameId))
                .sorted(Comparator.comparingInt((Room r) -> -r.summary().players())).toList();
        for (Room room : candidates) {
            if (room.hold(player, now)) {
                return room;
            }
        }
        // Creating under the lock keeps a burst of players from opening one room each.
        synchronized (this) {
            for (Room room : rooms.values()) {
                if (room.game().id().equals(gameId) && room.hold(player, now)) {
                    return room;
                }
            }
            Room room = create(gameId, null);
            room.hold(player, now);
            return room;
        }
    }

    public Optional<Room> find(String roomId) {
        Room room = draining ? null : rooms.get(roomId);
        return room == null || room.isClosed() ? Optional.empty() : Optional.of(room);
    }

    public List<RoomSummary> list() {
        return rooms.values().stream().map(Room::summary).filter(s -> !"closed".equals(s.status())).toList();
    }

    public Collection<Room> rooms() {
        return rooms.values();
    }

    public boolean hasGame(String gameId) {
        return games.containsKey(gameId);
    }

    /**
     * On shutdown every room closes with 1001 "server shutting down" and stops ticking, on its own event loop,
     * before the container goes away (a tick after that would find no beans). In dev mode and when rooms are durable
     * it is 1012 "server restarting" instead: the rooms come back (after the hot reload, or from their last snapshot,
     * written here) and their players should reconnect to them.
     */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        // The shutdown delay comes before the HTTP server stops: the last moment players can be told why.
        drain();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        drain(); // no-op after the delay already drained; the path when no delay is configured
    }

    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        boolean devMode = LaunchMode.current() == LaunchMode.DEVELOPMENT;
        if (!devMode && !durable) {
            closeAll(CloseCodes.GOING_AWAY, "server shutting down");
            return;
        }
        // A dev-mode hot reload, or a stop of a node whose rooms are durable, is a restart: clients should come back
        // in a moment rather than go elsewhere, and find their room, seat and score where they left them.
        Queue<CarriedRoom> kept = new ConcurrentLinkedQueue<>();
        Queue<CompletableFuture<Void>> written = new ConcurrentLinkedQueue<>();
        closeAll(CloseCodes.SERVICE_RESTART, "server restarting", room -> {
            if (devMode) {
                kept.add(room.carryOver());
            }
            if (durable) {
                written.add(snapshotWriter.finalSnapshot(room));
            }
        });
        if (devMode) {
            HotReloadCarryOver.put(List.copyOf(kept));
            LOG.infof("Dev mode: %d room(s) kept for after the restart", kept.size());
        }
        if (durable) {
            awaitFinalSnapshots(written);
        }
    }

    /** Waits, at most {@link #FINAL_SNAPSHOT_WAIT}, for the last snapshots of the rooms to be written. */
    private static void awaitFinalSnapshots(Queue<CompletableFuture<Void>> written) {
        try {
            CompletableFuture.allOf(written.toArray(CompletableFuture[]::new))
                    .get(FINAL_SNAPSHOT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.infof("Durable rooms: last snapshot of %d room(s) written", written.size());
        } catch (TimeoutException e) {
            LOG.warnf("Durable rooms: last snapshots not all written within %s; the previous ones stand",
                    FINAL_SNAPSHOT_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warnf("Durable rooms: last snapshots failed: %s", e.getMessage()); // never: they complete normally
        }
    }

    /** Dev mode: brings back the rooms the previous application instance kept before its hot reload. */
    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT) {
            return;
        }
        for (CarriedRoom snapshot : HotReloadCarryOver.take()) {
            try {
                reopen(snapshot);
                LOG.infof("Dev mode: room %s restored with %d seat(s) at tick %d", snapshot.id(),
                        snapshot.seats().size(), snapshot.tick());
            } catch (RuntimeException e) {
                LOG.warnf("Dev mode: room %s could not be restored: %s", snapshot.id(), e.getMessage());
            }
        }
    }

    /**
     * Opens a room again on this node from a {@link Room#carryOver()}: same id, tick, world and seats, every seat
     * DROPPED with the reconnect grace starting now ({@link Room#restore}); it ticks (and, when durable, is
     * snapshotted) from now on.
     *
     * @throws IllegalArgumentException if this node has no such game, the snapshot does not fit it, or a room of that
     *         id is already open here
     */
    public Room reopen(CarriedRoom snapshot) {
        Game game = games.get(snapshot.gameId());
        if (game == null) {
            throw new IllegalArgumentException("no game " + snapshot.gameId());
        }
        Room room = Room.restore(snapshot, game, settings, listener, new SplittableRandom(seeds.nextLong()),
                System.currentTimeMillis());
        if (rooms.putIfAbsent(room.id(), room) != null) {
            throw new IllegalArgumentException("room " + room.id() + " is already open");
        }
        schedule(room);
        return room;
    }

    /** True once shutdown began: no new room or seat is handed out and readiness reports DOWN. */
    public boolean isDraining() {
        return draining;
    }

    /**
     * Closes one room for an operator: every player gets 4002 "room closed" and the room stops ticking. Runs on the
     * room's event loop; completes with false when there is no such open room.
     */
    public CompletionStage<Boolean> closeRoom(String roomId, String reason) {
        return onRoomLoop(roomId, room -> {
            LOG.infof("Room %s closed by an operator: %s", roomId, reason);
            room.close(CloseCodes.ROOM_CLOSED, "room closed");
            stopTicking(room);
            return true;
        });
    }

    /**
     * Removes a player from a room for an operator: their connection closes with 1008 and {@code reason}, and their
     * seat is released. Runs on the room's event loop; completes with false when the room or the player is not there.
     */
    public CompletionStage<Boolean> kick(String roomId, UUID playerId, String reason) {
        return onRoomLoop(roomId, room -> {
            boolean kicked = room.kick(playerId, reason);
            if (kicked) {
                LOG.infof("Player %s kicked from room %s: %s", playerId, roomId, reason);
            }
            return kicked;
        });
    }

    /** Runs {@code work} on the room's own event loop, between two ticks, as long as the room is open. */
    private CompletionStage<Boolean> onRoomLoop(String roomId, Function<Room, Boolean> work) {
        Room room = rooms.get(roomId);
        EventLoop loop = loops.get(roomId);
        if (room == null || loop == null) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                done.complete(!room.isClosed() && work.apply(room));
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** Closes every room with {@code code} and stops its tick; waits up to 2 s for the rooms' event loops. */
    public void closeAll(int code, String reason) {
        closeAll(code, reason, room -> {
        });
    }

    /** As {@link #closeAll(int, String)}, calling {@code beforeClose} on each room's own event loop first. */
    private void closeAll(int code, String reason, Consumer<Room> beforeClose) {
        CountDownLatch closed = new CountDownLatch(rooms.size());
        for (Room room : List.copyOf(rooms.values())) {
            EventLoop loop = loops.get(room.id());
            if (loop == null) {
                closed.countDown();
                continue;
            }
            loop.execute(() -> {
                try {
                    if (!room.isClosed()) {
                        beforeClose.accept(room);
                        room.close(code, reason);
                    }
                    stopTicking(room);
                } finally {
                    closed.countDown();
                }
            });
        }
        try {
            closed.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final Map<String, EventLoop> loops = new ConcurrentHashMap<>();

    private void schedule(Room room) {
        EventLoop loop = vertx.nettyEventLoopGroup().next();
        loops.put(room.id(), loop);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / settings.tickRate();
        // Netty's fixed-rate schedule runs on the event loop thread and keeps the average rate exact (no drift).
        tickers.put(room.id(), loop.scheduleAtFixedRate(() -> tick(room), periodNanos, periodNanos,
                TimeUnit.NANOSECONDS));
        if (durable) {
            snapshotWriter.start(room, loop, this::closeTakenOver);
        }
    }

    private void tick(Room room) {
        // Nothing may escape: a scheduled task that throws is silently never run again, freezing its room.
        boolean open;
        try {
            open = room.tick(System.currentTimeMillis());
        } catch (Throwable e) {
            LOG.errorf(e, "Room %s failed in its tick and is closed", room.id());
            closeQuietly(room);
            open = false;
        }
        if (!open) {
            stopTicking(room);
        }
    }

    /**
     * Another node restored this room, taking this one for dead: its players are sent there with 1012 (reconnect to
     * the same room), and its snapshot, now the other node's, is kept.
     */
    private void closeTakenOver(Room room) {
        EventLoop loop = loops.get(room.id());
        if (loop == null) {
            return;
        }
        loop.execute(() -> {
            if (!room.isClosed()) {
                room.close(CloseCodes.SERVICE_RESTART, "room moved");
            }
            snapshotWriter.stop(room, true);
            stopTicking(room);
        });
    }

    private static void closeQuietly(Room room) {
        try {
            room.close(CloseCodes.INTERNAL_ERROR, "internal error");
        } catch (Throwable e) {
            LOG.errorf(e, "Room %s could not even be closed cleanly", room.id());
        }
    }

    private void stopTicking(Room room) {
        ScheduledFuture<?> ticker = tickers.remove(room.id());
        if (ticker != null) {
            ticker.cancel(false);
        }
        rooms.remove(room.id());
        loops.remove(room.id());
        if (durable) {
            // Ended for good (disposed, closed by an operator, failed) unless the whole server is going down.
            snapshotWriter.stop(room, draining);
        }
    }

    private String newRoomId() {
        // 12 characters of base 32: short enough to read aloud, too many to guess.
        String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        StringBuilder id = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            id.append(alphabet.charAt(seeds.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
