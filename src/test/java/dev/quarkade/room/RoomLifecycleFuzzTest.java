package dev.quarkade.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.quarkade.game.PlayerResult;
import dev.quarkade.game.arena.ArenaGame;
import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.protocol.ServerMessage;
import dev.quarkade.room.RoomTest.FakeChannel;

/**
 * Seeded random walks of join, leave, drop, reconnect, replace, late messages from dead connections and the passing of
 * time over thousands of ticks, against the plain Room and a model of who should be seated. After every tick the
 * room's seat count, every connected client's roster and the liveness it shows must match the model (no ghost, no
 * lost player); at the end everyone leaves and the room must dispose itself with nothing left queued.
 */
class RoomLifecycleFuzzTest {

    static final RoomSettings SETTINGS = new RoomSettings(30, Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(1), Duration.ofSeconds(1), 4, 20);
    static final int CAPACITY = 4;
    static final int STEPS = 3000;

    /** One account as the test believes it stands. */
    static final class Player {
        final UUID id = UUID.randomUUID();
        FakeChannel channel;
        final List<FakeChannel> deadChannels = new ArrayList<>();
        boolean seated;
        boolean leaving; // LEAVE queued: the seat is still taken until the tick applies it
        boolean dropped;
        long droppedAtMs;
    }

    long now = 1_000_000;
    final List<String> closed = new ArrayList<>();
    final List<Player> players = new ArrayList<>();
    Room room;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = { 1, 2, 3, 42, 2026 })
    void randomLifecyclesLeaveNoGhostAndNoLeak(long seed) {
        Random random = new Random(seed);
        room = new Room("fuzz", new ArenaGame(new RoomTest.TestArenaConfig(Duration.ofSeconds(30))), CAPACITY,
                SETTINGS, new RoomListener() {
                    @Override
                    public void matchEnded(String roomId, String game, Instant startedAt, Instant endedAt,
                            List<PlayerResult> results) {
                    }

                    @Override
                    public void roomClosed(String roomId) {
                        closed.add(roomId);
                    }
                }, new Random(seed), now);
        for (int i = 0; i < 8; i++) {
            players.add(new Player());
        }
        for (int step = 0; step < STEPS; step++) {
            int actions = random.nextInt(4);
            for (int a = 0; a < actions; a++) {
                act(random, players.get(random.nextInt(players.size())));
            }
            now += random.nextInt(10) == 0 ? random.nextInt(3000) : 33;
            tick();
            assertMatchesModel(seed, step);
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
        assertThat(closed).containsExactly("fuzz");
        assertThat(room.queuedCommands()).as("nothing left in the inbox").isZero();
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
                    FakeChannel dead = p.deadChannels.get(random.nextInt(p.deadChannels.size()));
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
        p.channel = new FakeChannel();
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
                    assertThat(shown.get(o.id) == ServerMessage.Seat.DROPPED).as("dropped shown, " + where)
                            .isEqualTo(o.dropped);
                }
            }
        }
        Set<FakeChannel> dead = new HashSet<>();
        players.forEach(p -> dead.addAll(p.deadChannels));
        for (FakeChannel d : dead) {
            if (d.closeCode != null) {
                assertThat(d.closeCode).isIn(CloseCodes.REPLACED, CloseCodes.NORMAL);
            }
        }
    }
}
