package dev.quarkade.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import dev.quarkade.game.Game;
import dev.quarkade.game.PlayerResult;
import dev.quarkade.room.Room;
import dev.quarkade.room.RoomCommand;
import dev.quarkade.room.RoomListener;
import dev.quarkade.room.RoomSettings;

/**
 * One room of a game, driven by the test: {@link #join} seats players, {@link #tick} runs one tick on a clock that only
 * the test moves, and every frame the room sends reaches the seat's {@link TestClient}. Deterministic: the room's random
 * source is seeded, so a test that fails fails again the same way.
 *
 * <pre>
 * TestRoom room = TestRoom.of(new MyGame(), 2);
 * TestClient alice = room.join("Alice");
 * TestClient bob = room.join("Bob");
 * room.tick();
 * alice.input(myInput);
 * room.ticks(10);
 * assertThat(bob.world().contains(42)).isFalse();
 * </pre>
 */
public final class TestRoom {

    /** The server's defaults: 30 Hz, 20 s grace, 60 s idle timeout, 10 s seat hold, 5 s intermission... */
    public static final RoomSettings DEFAULTS = new RoomSettings(30, Duration.ofSeconds(20), Duration.ofSeconds(60),
            Duration.ofSeconds(10), Duration.ofSeconds(5), 4, 20, 256, Duration.ofSeconds(6));

    private final Room room;
    private final long periodMs;
    private final List<List<PlayerResult>> results = new ArrayList<>();
    private final List<TestClient> clients = new ArrayList<>();
    private long nowMs = 1_000_000;
    private boolean closed;

    private TestRoom(Game game, int capacity, RoomSettings settings, long seed) {
        RoomListener listener = new RoomListener() {
            @Override
            public void matchEnded(String roomId, String gameId, Instant startedAt, Instant endedAt,
                    List<PlayerResult> ended) {
                results.add(List.copyOf(ended));
            }

            @Override
            public void roomClosed(String roomId) {
                closed = true;
            }
        };
        this.room = new Room("test-room", game, capacity, settings, listener, new SplittableRandom(seed), nowMs);
        this.periodMs = Math.max(1, 1000 / room.tickRate());
    }

    /** A room of {@code game} with its default capacity and the server's default settings. */
    public static TestRoom of(Game game) {
        return of(game, game.rules().defaultCapacity());
    }

    public static TestRoom of(Game game, int capacity) {
        return new TestRoom(game, capacity, DEFAULTS, 42);
    }

    /** A room with the test's own settings and random seed. */
    public static TestRoom of(Game game, int capacity, RoomSettings settings, long seed) {
        return new TestRoom(game, capacity, settings, seed);
    }

    /**
     * A new player takes a seat (a hold, then the connection opens): their WELCOME and first frames come with the next
     * tick.
     *
     * @throws IllegalStateException when the room has no free seat
     */
    public TestClient join(String name) {
        TestClient client = new TestClient(this, UUID.randomUUID(), name);
        if (!room.hold(client.playerId(), nowMs)) {
            throw new IllegalStateException("no free seat for " + name);
        }
        clients.add(client);
        submit(new RoomCommand.Join(client, client.playerId(), name));
        return client;
    }

    /** Runs one tick, one tick period after the last. */
    public TestRoom tick() {
        nowMs += periodMs;
        if (!room.tick(nowMs)) {
            closed = true;
        }
        return this;
    }

    public TestRoom ticks(int n) {
        for (int i = 0; i < n; i++) {
            tick();
        }
        return this;
    }

    /** Ticks until {@code time} has passed on the room's clock. */
    public TestRoom advance(Duration time) {
        long until = nowMs + time.toMillis();
        while (nowMs < until) {
            tick();
        }
        return this;
    }

    /** Ticks until {@code condition} holds; fails after {@code maxTicks}. */
    public TestRoom tickUntil(BooleanSupplier condition, int maxTicks) {
        for (int i = 0; i < maxTicks; i++) {
            if (condition.getAsBoolean()) {
                return this;
            }
            tick();
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError("condition not met within " + maxTicks + " ticks");
        }
        return this;
    }

    /** The results of every match that ended, oldest first. */
    public List<List<PlayerResult>> results() {
        return results;
    }

    /** Every client that joined, in order. */
    public List<TestClient> clients() {
        return clients;
    }

    /** The room itself: its summary and report, to check what listings and operators see. */
    public Room room() {
        return room;
    }

    /** The room's clock, in epoch ms. */
    public long nowMs() {
        return nowMs;
    }

    public boolean isClosed() {
        return closed;
    }

    void submit(RoomCommand command) {
        if (!room.submit(command)) {
            throw new IllegalStateException("the room's inbox is full");
        }
    }

    /** Puts a client back in the room on a new connection (its seat, if the grace has not run out). */
    TestClient reconnect(TestClient old) {
        TestClient client = new TestClient(this, old.playerId(), old.name());
        clients.add(client);
        submit(new RoomCommand.Join(client, client.playerId(), old.name()));
        return client;
    }
}
