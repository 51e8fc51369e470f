package dev.quarkade.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.quarkade.game.arena.ArenaGame;
import dev.quarkade.game.arena.ArenaWorld;
import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.sync.WorldState;
import dev.quarkade.testsupport.DecodingChannel;
import dev.quarkade.testsupport.TestArenaConfig;

/** A room snapshot taken before a dev-mode hot reload brings the room back with its seats, world and tick. */
class RoomRestoreTest {

    static final RoomListener NO_LISTENER = RoomListener.NONE;

    long now = 1_000_000;
    long seq;

    @Test
    void restoredRoomKeepsSeatsWorldAndTickAndAppliesTheNewRules() throws Exception {
        Room before = new Room("r7", arena(12), 4, RoomTest.SETTINGS, NO_LISTENER, new Random(3), now);
        UUID id = UUID.randomUUID();
        DecodingChannel first = join(before, id, "ivy");
        tick(before);
        int entity = first.mirror.welcome().entityId();
        move(before, first);
        WorldState world = first.mirror.world();
        int x = world.get(entity, ArenaWorld.PLAYER_X);
        int score = world.get(entity, ArenaWorld.PLAYER_SCORE);
        long tick = first.mirror.latestTick();

        byte[] carried = SavedRoom.encodeAll(List.of(before.save()));
        before.close(CloseCodes.SERVICE_RESTART, "server restarting");
        SavedRoom snapshot = SavedRoom.decodeAll(carried).get(0);
        Room after = Room.restore(snapshot, arena(30), RoomTest.SETTINGS, NO_LISTENER, new Random(4), now);

        assertThat(after.id()).isEqualTo("r7");
        assertThat(after.summary().players()).isEqualTo(1);
        assertThat(after.hold(UUID.randomUUID(), now)).as("three free seats remain").isTrue();
        DecodingChannel again = join(after, id, "ivy");
        tick(after);
        assertThat(again.mirror.welcome().resumed()).isTrue();
        assertThat(again.mirror.welcome().entityId()).isEqualTo(entity);
        assertThat(again.mirror.welcome().tick()).isGreaterThanOrEqualTo(tick);
        assertThat(again.mirror.world().get(entity, ArenaWorld.PLAYER_X)).isEqualTo(x);
        assertThat(again.mirror.world().get(entity, ArenaWorld.PLAYER_SCORE)).isEqualTo(score);

        move(after, again);
        int moved = again.mirror.world().get(entity, ArenaWorld.PLAYER_X) - x;
        assertThat(moved).as("the new player speed").isEqualTo(Math.min(30, ArenaWorld.WIDTH - x));
        assertThat(again.mirror.lastState().lastInputSeq()).isEqualTo(seq);
        assertThat(again.mirror.checksumMismatches()).isZero();
    }

    @Test
    void restoredSeatsAreReleasedWhenNobodyComesBackWithinTheGrace() throws Exception {
        Room before = new Room("r8", arena(12), 2, RoomTest.SETTINGS, NO_LISTENER, new Random(3), now);
        join(before, UUID.randomUUID(), "gone");
        tick(before);
        Room after = Room.restore(before.save(), arena(12), RoomTest.SETTINGS, NO_LISTENER, new Random(4), now);

        now += RoomTest.SETTINGS.reconnectGrace().toMillis();
        tick(after);

        assertThat(after.summary().players()).isZero();
    }

    @Test
    void theMatchKeepsItsStartTimeThroughEncodingAndRestore() throws Exception {
        Room before = new Room("r10", arena(12), 2, RoomTest.SETTINGS, NO_LISTENER, new Random(3), now);
        join(before, UUID.randomUUID(), "early");
        tick(before);
        long startedAt = before.save().matchStartedAtMs();
        now += 60_000;

        SavedRoom carried = SavedRoom.decode(before.save().encode(), SavedRoom.VERSION);
        Room after = Room.restore(carried, arena(12), RoomTest.SETTINGS, NO_LISTENER, new Random(4), now);

        assertThat(carried.matchStartedAtMs()).isEqualTo(startedAt).isPositive();
        assertThat(after.save().matchStartedAtMs()).isEqualTo(startedAt);
    }

    @Test
    void aSnapshotOfAnotherShapeIsRefused() {
        Room before = new Room("r9", arena(12), 8, RoomTest.SETTINGS, NO_LISTENER, new Random(3), now);
        SavedRoom snapshot = before.save();
        SavedRoom tooBig = new SavedRoom("r9", "arena", 99, snapshot.tick(), snapshot.status(), List.of(),
                snapshot.world());

        assertThatThrownBy(() -> Room.restore(tooBig, arena(12), RoomTest.SETTINGS, NO_LISTENER, new Random(4), now))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private DecodingChannel join(Room room, UUID id, String name) {
        assertThat(room.hold(id, now)).isTrue();
        DecodingChannel channel = new DecodingChannel();
        room.submit(new RoomCommand.Join(channel, id, name));
        return channel;
    }

    private void move(Room room, DecodingChannel channel) {
        room.submit(new RoomCommand.Input(channel, ++seq, channel.mirror.latestTick(), new byte[] { 127, 0, 0 }));
        tick(room);
    }

    private void tick(Room room) {
        now += 33;
        room.tick(now);
    }

    private static ArenaGame arena(int playerSpeed) {
        return new ArenaGame(new TestArenaConfig(Duration.ofSeconds(120), playerSpeed));
    }
}
