package dev.quarkade.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.quarkade.game.PlayerResult;
import dev.quarkade.game.arena.ArenaGame;
import dev.quarkade.persistence.BatchWriter;
import dev.quarkade.persistence.PendingWrite;
import dev.quarkade.persistence.PersistenceConfig;
import dev.quarkade.persistence.WriteBehindQueue;
import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.protocol.ServerMessage;
import dev.quarkade.testsupport.DecodingChannel;
import dev.quarkade.testsupport.TestArenaConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Seeded random walks of join, leave, drop, reconnect, replace, late messages from dead connections, the passing of
 * time, rooms closed under their players (dispose) and a database that turns slow or fails, over thousands of ticks,
 * against the plain Room and a model of who should be seated. Finished matches go through a real
 * {@link WriteBehindQueue} whose writer stands in for that database. After every tick the room's seat count, every
 * connected client's roster and the liveness it shows must match the model (no ghost, no lost player); at the end
 * everyone leaves, the room disposes itself, and every counter is back to zero: open rooms, seated players, open
 * connections, the inbox, and pending writes (every match written exactly once, none dropped).
 */
class RoomLifecycleFuzzTest {

    static final RoomSettings SETTINGS = new RoomSettings(30, Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(1), Duration.ofSeconds(1), 4, 20, 256, Duration.ofSeconds(6));
    static final int CAPACITY = 4;
    static final int STEPS = 3000;
    /** The write-behind queue with short waits, so a walk's slow database costs milliseconds, not seconds. */
    static final PersistenceConfig FUZZ_PERSISTENCE = new PersistenceConfig() {
        public int queueCapacity() {
            return 100_000;
        }

        public int batchSize() {
            return 8;
        }

        public Duration flushInterval() {
            return Duration.ofMillis(5);
        }

        public Duration retryMinBackoff() {
            return Duration.ofMillis(1);
        }

        public Duration retryMaxBackoff() {
            return Duration.ofMillis(20);
        }

        public Duration databaseTimeout() {
            return Duration.ofSeconds(5);
        }

        public Duration shutdownTimeout() {
            return Duration.ofSeconds(5);
        }
    };

    /** One account as the test believes it stands. */
    static final class Player {
        final UUID id = UUID.randomUUID();
        DecodingChannel channel;
        final List<DecodingChannel> deadChannels = new ArrayList<>();
        boolean seated;
        boolean leaving; // LEAVE queued: the seat is still taken until the tick applies it
        boolean dropped;
        long droppedAtMs;
    }

    private static final Vertx VERTX = Vertx.vertx();

    long now = 1_000_000;
    final List<String> closed = new ArrayList<>();
    final List<Player> players = new ArrayList<>();
    Room room;
    int roomsOpen;
    int roomsCreated;
    final SlowDatabase database = new SlowDatabase();
    final Set<Integer> matchesSubmitted = new HashSet<>();
    WriteBehindQueue queue;

    /** Stands in for PostgreSQL: takes a batch after a delay the walk changes, and fails for a while when told to. */
    static final class SlowDatabase implements BatchWriter {
        final Set<Integer> written = ConcurrentHashMap.newKeySet();
        final AtomicInteger writtenTwice = new AtomicInteger();
        volatile int delayMs;
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public Uni<Void> write(List<PendingWrite> batch) {
            if (failures.getAndUpdate(f -> Math.max(0, f - 1)) > 0) {
                return Uni.createFrom().failure(new IllegalStateException("connection refused"));
            }
            Uni<Void> answer = Uni.createFrom().voidItem();
            if (delayMs > 0) {
                answer = answer.onItem().delayIt().by(Duration.ofMillis(delayMs));
            }
            return answer.invoke(() -> batch.forEach(w -> {
                if (!written.add(((MatchWrite) w).n())) {
                    writtenTwice.incrementAndGet();
                }
            }));
        }

        @Override
        public boolean isPermanent(Throwable failure) {
            return false;
        }
    }

    /** A finished match as the queue sees it: numbered, so the test can tell each was written once. */
    record MatchWrite(int n) implements PendingWrite {
        @Override
        public List<Statement> statements() {
            return List.of(new Statement("match " + n, Tuple.of(n)));
        }
    }

    @AfterEach
    void stopQueue() {
        if (queue != null) {
            queue.flush(Duration.ofSeconds(1));
        }
    }

    @AfterAll
    static void closeVertx() {
        VERTX.close();
    }

    /**
     * Five fixed seeds, so a walk that once found a bug keeps being walked, and one fresh seed per run, so every run
     * also explores a walk no run made before. A failure names its seed and step; {@code -Dquarkade.fuzz.seeds=7,8}
     * replays exactly those walks.
     */
    static final List<Long> FIXED_SEEDS = List.of(1L, 2L, 3L, 42L, 2026L);

    static LongStream seeds() {
        String replay = System.getProperty("quarkade.fuzz.seeds", "");
        if (!replay.isBlank()) {
            return Arrays.stream(replay.split(",")).mapToLong(seed -> Long.parseLong(seed.trim()));
        }
        return LongStream.concat(FIXED_SEEDS.stream().mapToLong(Long::longValue),
                LongStream.of(new SecureRandom().nextLong()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomLifecyclesLeaveNoGhostAndNoLeak(long seed) {
        try {
            walk(seed);
        } catch (AssertionError failure) {
            throw new AssertionError("walk with seed " + seed + " (replay: -Dquarkade.fuzz.seeds=" + seed + "): "
                    + failure.getMessage(), failure);
        }
    }

    private void walk(long seed) {
        Random random = new Random(seed);
        queue = new WriteBehindQueue(VERTX, database, FUZZ_PERSISTENCE, new SimpleMeterRegistry());
        queue.start();
        openRoom(seed);
        for (int i = 0; i < 8; i++) {
            players.add(new Player());
        }
        for (int step = 0; step < STEPS; step++) {
            int actions = random.nextInt(4);
            for (int a = 0; a < actions; a++) {
                act(random, players.get(random.nextInt(players.size())));
            }
            if (random.nextInt(200) == 0) {
                slowDatabase(random);
            }
            now += random.nextInt(10) == 0 ? random.nextInt(3000) : 33;
            tick();
            assertMatchesModel(seed, step);
            if (random.nextInt(1000) == 0) {
                dispose(seed, step);
            }
        }

        for (Player p : players) {
            if (p.seated && !p.dropped) {
                room.submit(new RoomCommand.Leave(p.channel));
                p.seated = false;
            }
        }
        tick();
        now += SETTINGS.reconnectGrace().toMillis();
        tick();
        players.forEach(p -> p.seated = false);
        assertThat(room.summary().players()).as("seats after everyone left").isZero();
        now += SETTINGS.idleTimeout().toMillis();
        assertThat(room.tick(now)).as("the empty room disposes itself").isFalse();
        assertThat(closed).hasSize(roomsCreated).allMatch("fuzz"::equals);
        assertThat(roomsOpen).as("rooms open").isZero();
        assertThat(room.queuedCommands()).as("nothing left in the inbox").isZero();
        assertThat(players).as("connections the room left open").allMatch(p -> p.channel == null
                || p.channel.closeCode != null || !p.seated);
        database.delayMs = 0;
        database.failures.set(0);
        assertThat(queue.flush(Duration.ofSeconds(10))).as("writes pending").isZero();
        assertThat(database.written).as("every finished match written").isEqualTo(matchesSubmitted);
        assertThat(database.writtenTwice).as("none twice: retries only follow a failure").hasValue(0);
        if (FIXED_SEEDS.contains(seed)) {
            // The fixed walks are known to end matches, so the write path above is exercised; a fresh seed's walk may
            // end none (its players leave too soon), which is a short walk, not a bug.
            assertThat(matchesSubmitted).as("matches played in the walk").isNotEmpty();
        }
    }

    private void openRoom(long seed) {
        room = new Room("fuzz", new ArenaGame(new TestArenaConfig(Duration.ofSeconds(30))), CAPACITY,
                SETTINGS, new RoomListener() {
                    @Override
                    public void matchEnded(String roomId, String game, Instant startedAt, Instant endedAt,
                            List<PlayerResult> results) {
                        int n = matchesSubmitted.size();
                        matchesSubmitted.add(n);
                        queue.submit(new MatchWrite(n));
                    }

                    @Override
                    public void roomClosed(String roomId) {
                        closed.add(roomId);
                        roomsOpen--;
                    }
                }, new Random(seed + roomsCreated), now);
        roomsOpen++;
        roomsCreated++;
    }

    /** An operator (or shutdown) closes the room under its players: all are closed with 4002, nobody stays seated. */
    private void dispose(long seed, int step) {
        List<DecodingChannel> live = players.stream().filter(p -> p.seated && !p.dropped && !p.leaving)
                .map(p -> p.channel).toList();
        room.close(CloseCodes.ROOM_CLOSED, "room closed");
        assertThat(live).as("live connections closed with 4002, seed %d step %d", seed, step)
                .allMatch(c -> c.closeCode != null && c.closeCode == CloseCodes.ROOM_CLOSED);
        assertThat(roomsOpen).isZero();
        assertThat(room.tick(now)).as("a closed room does not tick").isFalse();
        for (Player p : players) {
            if (p.channel != null) {
                p.deadChannels.add(p.channel);
            }
            p.channel = null;
            p.seated = false;
            p.dropped = false;
            p.leaving = false;
        }
        openRoom(seed);
    }

    /** The database turns slow (up to 200 ms a batch), fails a few attempts in a row, or recovers. */
    private void slowDatabase(Random random) {
        switch (random.nextInt(3)) {
            case 0 -> database.delayMs = 20 + random.nextInt(180);
            case 1 -> database.failures.set(1 + random.nextInt(4));
            default -> database.delayMs = 0;
        }
    }

    private void act(Random random, Player p) {
        switch (random.nextInt(7)) {
            case 0, 1 -> connect(p); // join, reconnect after a drop, or replace a live connection
            case 2 -> {
                if (p.seated && !p.dropped && !p.leaving) {
                    room.submit(new RoomCommand.Leave(p.channel));
                    p.leaving = true;
                    p.deadChannels.add(p.channel);
                    p.channel = null;
                }
            }
            case 3 -> {
                if (p.seated && !p.dropped && !p.leaving) {
                    room.submit(new RoomCommand.Disconnected(p.channel));
                    p.dropped = true;
                    p.droppedAtMs = -1; // set when the tick applies it
                    p.deadChannels.add(p.channel);
                    p.channel = null;
                }
            }
            case 4 -> { // a dead connection's late messages must change nothing
                if (!p.deadChannels.isEmpty()) {
                    DecodingChannel dead = p.deadChannels.get(random.nextInt(p.deadChannels.size()));
                    room.submit(new RoomCommand.Input(dead, 1_000_000, 0, new byte[] { 1, 1, 0 }));
                    room.submit(new RoomCommand.Disconnected(dead));
                    room.submit(new RoomCommand.Leave(dead));
                }
            }
            case 5 -> {
                if (p.seated && !p.dropped && !p.leaving) {
                    room.submit(new RoomCommand.LivenessChanged(p.channel,
                            random.nextBoolean() ? Liveness.SUSPECT : Liveness.CONNECTED));
                }
            }
            default -> {
                if (p.seated && !p.dropped && !p.leaving) {
                    room.submit(new RoomCommand.Input(p.channel, random.nextInt(1000), 0, new byte[] { 5, -5, 0 }));
                }
            }
        }
    }

    private void connect(Player p) {
        if (p.leaving) {
            return; // leaving and coming back within one tick: covered by the next step
        }
        long seatedOrHeld = players.stream().filter(o -> o.seated).count();
        boolean expected = p.seated || seatedOrHeld < CAPACITY;
        assertThat(room.hold(p.id, now)).as("hold for %s", p.id).isEqualTo(expected);
        if (!expected) {
            return;
        }
        if (p.channel != null) {
            p.deadChannels.add(p.channel); // replaced: the room closes it with 4001
        }
        p.channel = new DecodingChannel();
        room.submit(new RoomCommand.Join(p.channel, p.id, "p"));
        p.seated = true;
        p.dropped = false;
    }

    private void tick() {
        room.tick(now);
        for (Player p : players) {
            if (p.leaving) {
                p.leaving = false;
                p.seated = false;
            }
            if (p.dropped && p.droppedAtMs < 0) {
                p.droppedAtMs = now;
            }
            if (p.seated && p.dropped && now - p.droppedAtMs >= SETTINGS.reconnectGrace().toMillis()) {
                p.seated = false;
                p.dropped = false;
            }
        }
    }

    private void assertMatchesModel(long seed, int step) {
        Set<UUID> seated = players.stream().filter(p -> p.seated).map(p -> p.id).collect(Collectors.toSet());
        String where = "seed " + seed + ", step " + step;
        assertThat(room.summary().players()).as("seats in the book, " + where).isEqualTo(seated.size());
        assertThat(room.queuedCommands()).as("inbox drained, " + where).isZero();
        for (Player p : players) {
            if (p.channel == null) {
                continue;
            }
            assertThat(p.channel.closeCode).as("live connection left open, " + where).isNull();
            List<ServerMessage.Roster> rosters = p.channel.mirror.all(ServerMessage.Roster.class);
            assertThat(rosters).as("roster received, " + where).isNotEmpty();
            ServerMessage.Roster last = rosters.get(rosters.size() - 1);
            Map<UUID, Integer> shown = new HashMap<>();
            last.seats().forEach(s -> shown.put(s.playerId(), s.liveness()));
            assertThat(shown.keySet()).as("roster = seated players (no ghost), " + where).isEqualTo(seated);
            for (Player o : players) {
                if (o.seated) {
                    assertThat(shown.get(o.id) == ServerMessage.RosterEntry.DROPPED).as("dropped shown, " + where)
                            .isEqualTo(o.dropped);
                }
            }
        }
        Set<DecodingChannel> dead = new HashSet<>();
        players.forEach(p -> dead.addAll(p.deadChannels));
        for (DecodingChannel d : dead) {
            if (d.closeCode != null) {
                assertThat(d.closeCode).isIn(CloseCodes.REPLACED, CloseCodes.NORMAL, CloseCodes.ROOM_CLOSED);
            }
        }
    }
}
