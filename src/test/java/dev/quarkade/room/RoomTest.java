package dev.quarkade.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.quarkade.game.PlayerResult;
import dev.quarkade.game.arena.ArenaConfig;
import dev.quarkade.game.arena.ArenaGame;
import dev.quarkade.game.arena.ArenaWorld;
import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.protocol.ProtocolException;
import dev.quarkade.protocol.ServerMessage;
import dev.quarkade.testsupport.ClientMirror;

class RoomTest {

    static final RoomSettings SETTINGS = new RoomSettings(30, Duration.ofSeconds(20), Duration.ofSeconds(60),
            Duration.ofSeconds(10), Duration.ofSeconds(5), 4, 20, 256, Duration.ofSeconds(6));

    final List<String> closedRooms = new ArrayList<>();
    final List<List<PlayerResult>> matchResults = new ArrayList<>();
    long now = 1_000_000;

    Room room = newRoom(Duration.ofSeconds(120));

    Room newRoom(Duration matchDuration) {
        ArenaGame arena = new ArenaGame(new TestArenaConfig(matchDuration));
        return new Room("r1", arena, 4, SETTINGS, new RoomListener() {
            @Override
            public void matchEnded(String roomId, String game, Instant startedAt, Instant endedAt,
                    List<PlayerResult> results) {
                matchResults.add(results);
            }

            @Override
            public void roomClosed(String roomId) {
                closedRooms.add(roomId);
            }
        }, new Random(7), now);
    }

    @Test
    void twoPlayersSeeEachOtherMove() {
        FakeChannel alice = join(UUID.randomUUID(), "alice");
        FakeChannel bob = join(UUID.randomUUID(), "bob");
        tick();
        int aliceEntity = alice.mirror.welcome().entityId();
        int before = bob.mirror.world().get(aliceEntity, ArenaWorld.PLAYER_X);

        for (int seq = 1; seq <= 5; seq++) {
            room.submit(new RoomCommand.Input(alice, seq, alice.mirror.latestTick(), new byte[] { 127, 0, 0 }));
            room.submit(new RoomCommand.Ack(bob, bob.mirror.latestTick()));
            tick();
        }

        assertThat(bob.mirror.world().get(aliceEntity, ArenaWorld.PLAYER_X)).isEqualTo(Math.min(before + 5 * 12,
                ArenaWorld.WIDTH));
        assertThat(alice.mirror.lastState().lastInputSeq()).isEqualTo(5);
        assertThat(alice.mirror.checksumMismatches()).isZero();
        assertThat(bob.mirror.checksumMismatches()).isZero();
        assertThat(bob.mirror.lastState().baselineTick()).as("deltas once the client acks").isPositive();
    }

    @Test
    void heldSeatsCannotBeTakenByOthers() {
        for (int i = 0; i < 4; i++) {
            assertThat(room.hold(UUID.randomUUID(), now)).isTrue();
        }
        assertThat(room.hold(UUID.randomUUID(), now)).as("fifth player, four seats held").isFalse();
        now += SETTINGS.seatHold().toMillis();
        assertThat(room.hold(UUID.randomUUID(), now)).as("holds expire").isTrue();
    }

    @Test
    void droppedPlayerKeepsSeatAndScoreDuringGraceAndResumes() {
        UUID id = UUID.randomUUID();
        FakeChannel first = join(id, "carol");
        tick();
        int entity = first.mirror.welcome().entityId();
        room.submit(new RoomCommand.Disconnected(first));
        tick();
        now += SETTINGS.reconnectGrace().toMillis() - 1000;
        FakeChannel again = join(id, "carol");
        tick();
        assertThat(again.mirror.welcome().resumed()).isTrue();
        assertThat(again.mirror.welcome().entityId()).isEqualTo(entity);
    }

    @Test
    void seatIsReleasedAfterGrace() {
        UUID id = UUID.randomUUID();
        FakeChannel first = join(id, "dave");
        tick();
        room.submit(new RoomCommand.Disconnected(first));
        tick();
        now += SETTINGS.reconnectGrace().toMillis();
        tick();
        assertThat(room.summary().players()).isZero();
    }

    @Test
    void secondConnectionReplacesTheFirst() {
        UUID id = UUID.randomUUID();
        FakeChannel first = join(id, "erin");
        tick();
        FakeChannel second = join(id, "erin");
        tick();
        assertThat(first.closeCode).isEqualTo(CloseCodes.REPLACED);
        assertThat(second.mirror.welcome().resumed()).isTrue();
        assertThat(room.summary().players()).isEqualTo(1);
    }

    @Test
    void eachConnectionIsFlushedOnceAtTheEndOfEveryTickItGotFrames() {
        FakeChannel alice = join(UUID.randomUUID(), "alice");
        FakeChannel bob = join(UUID.randomUUID(), "bob");
        tick(); // WELCOME, ROSTER and STATE to each: one flush each
        assertThat(alice.flushes).isEqualTo(1);
        assertThat(bob.flushes).isEqualTo(1);
        assertThat(alice.unflushed).as("nothing left held after the tick").isZero();

        int bobFrames = bob.frames;
        room.submit(new RoomCommand.Leave(bob));
        tick();

        assertThat(bob.closeCode).isEqualTo(CloseCodes.NORMAL);
        assertThat(bob.frames).as("nothing after leaving").isEqualTo(bobFrames);
        assertThat(alice.flushes).as("ROSTER and STATE, one flush").isEqualTo(2);
        assertThat(alice.unflushed).isZero();
    }

    @Test
    void slowConsumerIsSkippedAndCatchesUpWithOneDelta() {
        FakeChannel slow = join(UUID.randomUUID(), "slow");
        FakeChannel mover = join(UUID.randomUUID(), "mover");
        tick();
        room.submit(new RoomCommand.Ack(slow, slow.mirror.latestTick()));
        tick();
        int framesBefore = slow.frames;
        slow.writable = false;
        for (int seq = 1; seq <= 10; seq++) {
            room.submit(new RoomCommand.Input(mover, seq, 0, new byte[] { 0, 100, 0 }));
            tick();
        }
        assertThat(slow.frames).as("nothing queued while not writable").isEqualTo(framesBefore);
        slow.writable = true;
        tick();
        int moverEntity = mover.mirror.welcome().entityId();
        assertThat(slow.mirror.world().get(moverEntity, ArenaWorld.PLAYER_Y))
                .isEqualTo(mover.mirror.world().get(moverEntity, ArenaWorld.PLAYER_Y));
        assertThat(slow.mirror.checksumMismatches()).isZero();
    }

    @Test
    void matchEndsWithResultsAndTheNextOneStartsAfterTheIntermission() {
        room = newRoom(Duration.ofMillis(100)); // 3 ticks at 30 Hz
        FakeChannel p = join(UUID.randomUUID(), "fay");
        for (int i = 0; i < 5; i++) {
            tick();
        }
        assertThat(matchResults).hasSize(1);
        assertThat(matchResults.get(0)).extracting(PlayerResult::name).containsExactly("fay");
        assertThat(p.mirror.all(ServerMessage.MatchEnd.class)).hasSize(1);
        assertThat(room.summary().status()).isEqualTo("intermission");
        now += SETTINGS.intermission().toMillis();
        tick();
        assertThat(room.summary().status()).isEqualTo("playing");
    }

    @Test
    void emptyRoomIsDisposedAfterTheIdleTimeout() {
        tick();
        now += SETTINGS.idleTimeout().toMillis();
        assertThat(room.tick(now)).isFalse();
        assertThat(closedRooms).containsExactly("r1");
        assertThat(room.hold(UUID.randomUUID(), now)).isFalse();
    }

    @Test
    void chatIsRelayedToEveryoneAndRateLimited() {
        FakeChannel a = join(UUID.randomUUID(), "gus");
        FakeChannel b = join(UUID.randomUUID(), "hal");
        tick();
        for (int i = 0; i < 30; i++) {
            room.submit(new RoomCommand.Chat(a, "hi " + i));
        }
        tick();
        assertThat(b.mirror.all(ServerMessage.ChatRelay.class)).hasSize(SETTINGS.chatPerMinute());
    }

    FakeChannel join(UUID id, String name) {
        assertThat(room.hold(id, now)).isTrue();
        FakeChannel channel = new FakeChannel();
        room.submit(new RoomCommand.Join(channel, id, name));
        return channel;
    }

    void tick() {
        now += 33;
        room.tick(now);
    }

    /** A connection that decodes what it receives like a client would. */
    static final class FakeChannel implements PlayerChannel {
        final ClientMirror mirror = new ClientMirror();
        boolean writable = true;
        int frames;
        /** Frames sent since the last flush, and how many times the room flushed. */
        int unflushed;
        int flushes;
        Integer closeCode;

        @Override
        public boolean isWritable() {
            return writable;
        }

        @Override
        public void send(ByteBuffer frame) {
            byte[] bytes = new byte[frame.remaining()];
            frame.get(bytes);
            frames++;
            unflushed++;
            try {
                mirror.receive(bytes);
            } catch (ProtocolException e) {
                throw new AssertionError("server sent a frame its own decoder rejects", e);
            }
        }

        @Override
        public void flush() {
            if (unflushed > 0) {
                flushes++;
                unflushed = 0;
            }
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
        }

        @Override
        public int rttMillis() {
            return 20;
        }
    }

    record TestArenaConfig(Duration matchDuration) implements ArenaConfig {
        @Override
        public int orbs() {
            return 4;
        }

        @Override
        public int playerSpeed() {
            return 12;
        }

        @Override
        public int orbValue() {
            return 1;
        }

        @Override
        public int maxCapacity() {
            return 16;
        }
    }
}
