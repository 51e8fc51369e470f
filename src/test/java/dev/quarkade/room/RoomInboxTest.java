package dev.quarkade.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.quarkade.game.PlayerResult;
import dev.quarkade.game.arena.ArenaGame;
import dev.quarkade.testsupport.DecodingChannel;
import dev.quarkade.testsupport.TestArenaConfig;

/** The room inbox is bounded for player messages and never refuses the commands that keep seats honest. */
class RoomInboxTest {

    static final int PER_SEAT = 8;
    static final int CAPACITY = 2;
    static final RoomSettings SETTINGS = new RoomSettings(30, Duration.ofSeconds(20), Duration.ofSeconds(60),
            Duration.ofSeconds(10), Duration.ofSeconds(5), 4, 20, PER_SEAT, Duration.ofSeconds(6));

    long now = 1_000_000;
    Room room = new Room("inbox", new ArenaGame(new TestArenaConfig(Duration.ofSeconds(120))), CAPACITY,
            SETTINGS, new RoomListener() {
                @Override
                public void matchEnded(String roomId, String game, Instant startedAt, Instant endedAt,
                        List<PlayerResult> results) {
                }

                @Override
                public void roomClosed(String roomId) {
                }
            }, new Random(1), now);

    @Test
    void playerMessagesBeyondTheBoundAreRefusedUntilTheNextTick() {
        UUID id = UUID.randomUUID();
        room.hold(id, now);
        DecodingChannel channel = new DecodingChannel();
        room.submit(new RoomCommand.Join(channel, id, "flooder"));
        int accepted = 0;
        for (int seq = 1; seq <= 1000; seq++) {
            if (room.submit(new RoomCommand.Input(channel, seq, 0, new byte[] { 1, 1, 0 }))) {
                accepted++;
            }
        }
        assertThat(accepted).as("inputs queued besides the join").isEqualTo(CAPACITY * PER_SEAT - 1);
        assertThat(room.queuedCommands()).isEqualTo(CAPACITY * PER_SEAT);

        assertThat(room.submit(new RoomCommand.LivenessChanged(channel, Liveness.SUSPECT))).isTrue();
        assertThat(room.submit(new RoomCommand.Disconnected(channel))).as("a drop is never refused").isTrue();

        now += 33;
        room.tick(now);
        assertThat(room.queuedCommands()).isZero();
        assertThat(room.submit(new RoomCommand.Ack(channel, 0))).as("room again after the tick").isTrue();
        assertThat(room.summary().players()).as("the drop was applied: seat held, not lost").isEqualTo(1);
    }
}
