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
import dev.quarkade.game.arena.ArenaGame;
import dev.quarkade.game.arena.ArenaWorld;
import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.protocol.ServerMessage;
import dev.quarkade.testsupport.DecodingChannel;
import dev.quarkade.testsupport.TestArenaConfig;

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
        DecodingChannel alice = join(UUID.randomUUID(), "alice");
        DecodingChannel bob = join(UUID.randomUUID(), "bob");
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
    void askingAgainNeverExtendsAHoldAndASquatterWaitsBeforeHoldingAgain() {
        UUID squatter = UUID.randomUUID();
        long hold = SETTINGS.seatHold().toMillis();
        for (int i = 0; i < 3; i++) {
            assertThat(room.hold(UUID.randomUUID(), now)).isTrue();
        }
        assertThat(room.hold(squatter, now)).isTrue();
        assertThat(room.hold(squatter, now + hold - 1)).as("asking again keeps the hold as it is").isTrue();
        assertThat(room.hold(squatter, now + hold)).as("the hold ended when it was due, and is not renewed at once")
                .isFalse();
        assertThat(room.hold(squatter, now + 2 * hold - 1)).isFalse();
        assertThat(room.hold(squatter, now + 2 * hold)).as("after waiting as long again").isTrue();
    }

    @Test
    void aPlayerWhoseHoldEndedStillTakesAFreeSeatByConnecting() {
        UUID late = UUID.randomUUID();
        assertThat(room.hold(late, now)).isTrue();
        now += SETTINGS.seatHold().toMillis();
        assertThat(room.hold(late, now)).isFalse();
        DecodingChannel channel = new DecodingChannel();
        room.submit(new RoomCommand.Join(channel, late, "late"));
        tick();
        assertThat(channel.mirror.welcome()).as("a free seat is taken by a real connection").isNotNull();
    }

    @Test
    void namesOfTwentyFourChineseOrEmojiCharactersPlayInARoomWithOthers() {
        String chinese = "龍".repeat(24); // 72 bytes of UTF-8
        String emoji = "\uD83D\uDC09".repeat(24); // 24 dragons, 96 bytes: the longest name sign-up accepts
        DecodingChannel first = join(UUID.randomUUID(), chinese);
        DecodingChannel second = join(UUID.randomUUID(), emoji);
        DecodingChannel third = join(UUID.randomUUID(), "bob");
        for (int i = 0; i < 3; i++) {
            tick();
        }
        for (DecodingChannel c : List.of(first, second, third)) {
            assertThat(c.closeCode).isNull();
            List<ServerMessage.Roster> rosters = c.mirror.all(ServerMessage.Roster.class);
            assertThat(rosters.get(rosters.size() - 1).seats()).extracting(ServerMessage.RosterEntry::name)
                    .containsExactlyInAnyOrder(chinese, emoji, "bob");
        }
    }

    @Test
    void aConnectionThatFailsToTakeItsFramesClosesAloneAndTheRoomPlaysOn() {
        DecodingChannel healthy = join(UUID.randomUUID(), "healthy");
        DecodingChannel broken = new DecodingChannel() {
            @Override
            public void send(ByteBuffer frame) {
                if (frames > 0) {
                    throw new IllegalStateException("injected encoder failure");
                }
                super.send(frame);
            }
        };
        UUID brokenPlayer = UUID.randomUUID();
        assertThat(room.hold(brokenPlayer, now)).isTrue();
        room.submit(new RoomCommand.Join(broken, brokenPlayer, "broken"));
        tick();
        tick();
        int before = healthy.frames;
        for (int i = 0; i < 5; i++) {
            tick();
        }
        assertThat(broken.closeCode).isEqualTo(1011);
        assertThat(healthy.closeCode).isNull();
        assertThat(healthy.frames).as("the room plays on for the others").isGreaterThanOrEqualTo(before + 5);
        assertThat(room.isClosed()).isFalse();
    }

    @Test
    void droppedPlayerKeepsSeatAndScoreDuringGraceAndResumes() {
        UUID id = UUID.randomUUID();
        DecodingChannel first = join(id, "carol");
        tick();
        int entity = first.mirror.welcome().entityId();
        room.submit(new RoomCommand.Disconnected(first));
        tick();
        now += SETTINGS.reconnectGrace().toMillis() - 1000;
        DecodingChannel again = join(id, "carol");
        tick();
        assertThat(again.mirror.welcome().resumed()).isTrue();
        assertThat(again.mirror.welcome().entityId()).isEqualTo(entity);
    }

    @Test
    void seatIsReleasedAfterGrace() {
        UUID id = UUID.randomUUID();
        DecodingChannel first = join(id, "dave");
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
        DecodingChannel first = join(id, "erin");
        tick();
        DecodingChannel second = join(id, "erin");
        tick();
        assertThat(first.closeCode).isEqualTo(CloseCodes.REPLACED);
        assertThat(second.mirror.welcome().resumed()).isTrue();
        assertThat(room.summary().players()).isEqualTo(1);
    }

    @Test
    void eachConnectionIsFlushedOnceAtTheEndOfEveryTickItGotFrames() {
        DecodingChannel alice = join(UUID.randomUUID(), "alice");
        DecodingChannel bob = join(UUID.randomUUID(), "bob");
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
        DecodingChannel slow = join(UUID.randomUUID(), "slow");
        DecodingChannel mover = join(UUID.randomUUID(), "mover");
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
        DecodingChannel p = join(UUID.randomUUID(), "fay");
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
        DecodingChannel a = join(UUID.randomUUID(), "gus");
        DecodingChannel b = join(UUID.randomUUID(), "hal");
        tick();
        for (int i = 0; i < 30; i++) {
            room.submit(new RoomCommand.Chat(a, "hi " + i));
        }
        tick();
        assertThat(b.mirror.all(ServerMessage.ChatRelay.class)).hasSize(SETTINGS.chatPerMinute());
    }

    @Test
    void chatIsRelayedWithoutControlCharactersAndABlankLineIsNot() {
        DecodingChannel a = join(UUID.randomUUID(), "ivy");
        DecodingChannel b = join(UUID.randomUUID(), "jon");
        tick();

        room.submit(new RoomCommand.Chat(a, "\u001B[31mred\u001B[0m\nline\u0000 \u202Eevil 你好"));
        room.submit(new RoomCommand.Chat(a, "\n\u200B\u202E "));
        tick();

        assertThat(b.mirror.all(ServerMessage.ChatRelay.class)).extracting(ServerMessage.ChatRelay::text)
                .containsExactly("redline evil 你好");
    }

    DecodingChannel join(UUID id, String name) {
        assertThat(room.hold(id, now)).isTrue();
        DecodingChannel channel = new DecodingChannel();
        room.submit(new RoomCommand.Join(channel, id, name));
        return channel;
    }

    void tick() {
        now += 33;
        room.tick(now);
    }

}
