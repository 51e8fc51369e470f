package dev.quarkade.room;

import static dev.quarkade.testsupport.SecretCardsGame.badgeOf;
import static dev.quarkade.testsupport.SecretCardsGame.cardOf;
import static dev.quarkade.testsupport.SecretCardsGame.valueOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.protocol.MessageType;
import dev.quarkade.protocol.ServerMessage;
import dev.quarkade.protocol.ServerMessage.MatchStatus;
import dev.quarkade.sync.WorldState;
import dev.quarkade.testing.TestClient;
import dev.quarkade.testing.TestRoom;
import dev.quarkade.testsupport.SecretCardsGame;

/**
 * What the game SPI lets a game do, seen from its players' connections: per-seat views, game events, its own tick
 * rate, step rate, minimum players and countdown, its settings in WELCOME.
 */
class GameSpiTest {

    final SecretCardsGame game = new SecretCardsGame();

    @Test
    void eachSeatSeesItsOwnSecretsAndNeverAnothersInAnyFrame() {
        TestRoom room = TestRoom.of(game, 3);
        TestClient alice = room.join("Alice");
        TestClient bob = room.join("Bob");
        room.tick();
        TestClient carol = room.join("Carol"); // joins later: her WELCOME is a full state of her view
        for (int t = 0; t < 40; t++) {
            room.tick();
            for (TestClient c : List.of(alice, bob, carol)) {
                if (c.welcomeOrNull() == null) {
                    continue;
                }
                int seat = c.seat();
                WorldState view = c.world();
                for (int other = 0; other < 3; other++) {
                    if (other != seat) {
                        assertThat(view.contains(cardOf(other))).as(c.name() + " sees card of seat " + other)
                                .isFalse();
                        if (view.contains(badgeOf(other))) {
                            assertThat(view.get(badgeOf(other), 1)).as("hidden field of seat " + other).isZero();
                        }
                    }
                }
                assertThat(view.get(cardOf(seat), 1)).isEqualTo(valueOf(seat));
                assertThat(view.get(badgeOf(seat), 1)).isEqualTo(valueOf(seat) * 10);
            }
        }
    }

    @Test
    void aRevealedSecretReachesEveryoneAsAnAddedEntityAndAnEventAfterTheState() {
        TestRoom room = TestRoom.of(game, 2);
        TestClient alice = room.join("Alice");
        TestClient bob = room.join("Bob");
        room.ticks(3);
        alice.input(new byte[] { 1 });
        room.tick();
        assertThat(bob.world().get(cardOf(0), 1)).isEqualTo(valueOf(0));
        List<ServerMessage> frames = bob.received();
        int event = indexOf(frames, MessageType.GAME_EVENT);
        ServerMessage.GameEvent revealed = (ServerMessage.GameEvent) frames.get(event);
        assertThat(revealed.eventType()).isEqualTo(SecretCardsGame.EVENT_REVEALED);
        assertThat(revealed.payload()).containsExactly(0, valueOf(0));
        ServerMessage.State before = (ServerMessage.State) frames.get(event - 1);
        assertThat(before.tick()).as("the event follows the state of its own tick").isEqualTo(revealed.tick());
    }

    @Test
    void anEventToOneSeatReachesThatSeatAlone() {
        TestRoom room = TestRoom.of(game, 2);
        TestClient alice = room.join("Alice");
        TestClient bob = room.join("Bob");
        room.ticks(2);
        bob.input(new byte[] { 2 });
        room.tick();
        assertThat(bob.events()).singleElement().satisfies(e -> assertThat(e.payload()).containsExactly(valueOf(1)));
        assertThat(alice.events()).isEmpty();
    }

    @Test
    void theMatchWaitsForItsMinimumPlayersCountsDownThenStepsAtItsOwnRate() {
        TestRoom room = TestRoom.of(game, 3);
        assertThat(room.room().tickRate()).isEqualTo(10);
        TestClient alice = room.join("Alice");
        room.ticks(5);
        assertThat(alice.status().phase()).isEqualTo(MatchStatus.WAITING);
        assertThat(alice.status().minPlayers()).isEqualTo(2);
        assertThat(alice.world().getGlobal(0)).as("no step before the match begins").isZero();
        room.join("Bob");
        room.tick();
        assertThat(alice.status().phase()).isEqualTo(MatchStatus.STARTING);
        assertThat(alice.status().phaseEndsAtMs()).isEqualTo(room.nowMs() + 1000);
        room.advance(Duration.ofSeconds(1));
        assertThat(alice.status().phase()).isEqualTo(MatchStatus.PLAYING);
        room.ticks(10);
        assertThat(alice.world().getGlobal(0)).as("a step every 5 ticks").isEqualTo(2);
        room.tickUntil(() -> !room.results().isEmpty(), 40);
        assertThat(alice.status().phase()).isEqualTo(MatchStatus.INTERMISSION);
        assertThat(alice.received().get(alice.received().size() - 1)).isInstanceOf(MatchStatus.class);
        assertThat(lastOf(alice.received(), MessageType.MATCH_END))
                .as("MATCH_END comes after the state of the tick the match ended in")
                .isGreaterThan(lastOf(alice.received(), MessageType.STATE));
    }

    @Test
    void aCountdownStopsWhenAPlayerLeavesBeforeTheMatchBegins() {
        TestRoom room = TestRoom.of(game, 3);
        TestClient alice = room.join("Alice");
        TestClient bob = room.join("Bob");
        room.tick();
        assertThat(alice.status().phase()).isEqualTo(MatchStatus.STARTING);
        bob.leave();
        room.tick();
        assertThat(alice.status().phase()).isEqualTo(MatchStatus.WAITING);
    }

    @Test
    void welcomeIsTheFirstFrameAndCarriesTheGameAndTheRoomsSettings() {
        TestRoom room = TestRoom.of(game, 2);
        TestClient alice = room.join("Alice");
        room.tick();
        assertThat(alice.received().get(0)).isInstanceOf(ServerMessage.Welcome.class);
        ServerMessage.Welcome welcome = alice.welcome();
        assertThat(welcome.version()).isEqualTo(2);
        assertThat(welcome.gameId()).isEqualTo("secret-cards");
        assertThat(welcome.settings()).containsExactly(4, 2);
        assertThat(welcome.tickRate()).isEqualTo(10);
        assertThat(welcome.reconnectGraceMs()).isEqualTo(TestRoom.DEFAULTS.reconnectGrace().toMillis());
        assertThat(welcome.silenceTimeoutMs()).isEqualTo(TestRoom.DEFAULTS.silenceTimeout().toMillis());
        assertThat(alice.world().contains(cardOf(0))).as("what joining put in the world is in WELCOME").isTrue();
        assertThat(alice.received().get(1)).isInstanceOf(MatchStatus.class);
    }

    @Test
    void aConnectionThatFailsToTakeItsFramesIsClosedAloneAndTheRoomPlaysOn() {
        Room room = new Room("failing", game, 2, TestRoom.DEFAULTS, RoomListener.NONE, new SplittableRandom(1), 0);
        FailingChannel broken = new FailingChannel();
        TestRoomChannel healthy = new TestRoomChannel();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        room.hold(a, 0);
        room.hold(b, 0);
        room.submit(new RoomCommand.Join(broken, a, "broken"));
        room.submit(new RoomCommand.Join(healthy, b, "healthy"));
        assertThat(room.tick(100)).isTrue();
        assertThat(broken.closedWith).isEqualTo(CloseCodes.INTERNAL_ERROR);
        for (int t = 2; t < 20; t++) {
            assertThat(room.tick(t * 100)).as("the room plays on").isTrue();
        }
        assertThat(healthy.frames).as("the healthy seat keeps getting its frames").isGreaterThan(18);
    }

    private static int indexOf(List<ServerMessage> frames, MessageType type) {
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).type() == type) {
                return i;
            }
        }
        throw new AssertionError("no " + type + " in " + frames);
    }

    private static int lastOf(List<ServerMessage> frames, MessageType type) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (frames.get(i).type() == type) {
                return i;
            }
        }
        return -1;
    }

    /** A connection whose frames cannot be encoded or written: every send throws. */
    static final class FailingChannel implements PlayerChannel {
        Integer closedWith;

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public void send(ByteBuffer frame) {
            throw new IllegalStateException("injected encoder failure");
        }

        @Override
        public void sendState(byte[] header, int headerLength, byte[] body) {
            throw new IllegalStateException("injected encoder failure");
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
        }

        @Override
        public int rttMillis() {
            return 0;
        }
    }

    /** A connection that counts what it gets. */
    static final class TestRoomChannel implements PlayerChannel {
        int frames;

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public void send(ByteBuffer frame) {
            frames++;
        }

        @Override
        public void close(int code, String reason) {
        }

        @Override
        public int rttMillis() {
            return 0;
        }
    }
}
