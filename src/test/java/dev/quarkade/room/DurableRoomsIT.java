package dev.quarkade.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.quarkade.game.arena.ArenaWorld;
import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.protocol.ServerMessage;
import dev.quarkade.testsupport.LocalPostgresServer;
import dev.quarkade.testsupport.PackagedApp;
import dev.quarkade.testsupport.SigningKeyFile;
import dev.quarkade.testsupport.TestPlayer;

/**
 * The packaged server with durable rooms, killed with SIGKILL in the middle of a match and started again on the same
 * database: the player who reconnects resumes the same room, seat, position and score; the one who never comes back
 * is gone after the reconnect grace. A graceful stop then closes with 1012 and loses nothing: after the next start
 * the room resumes from the snapshot written at the stop.
 */
class DurableRoomsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration GRACE = Duration.ofSeconds(5);

    @TempDir
    Path home;

    @Test
    void playersResumeTheirRoomAfterTheServerIsKilledAndRestarted() throws Exception {
        try (LocalPostgresServer postgres = LocalPostgresServer.start()) {
            Map<String, String> props = Map.of("quarkade.room.durable", "true",
                    "quarkade.room.snapshot-interval", "500ms", "quarkade.reconnect.grace", GRACE.toSeconds() + "s");
            Map<String, String> env = Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(),
                    "QUARKUS_DATASOURCE_USERNAME", LocalPostgresServer.USER,
                    "QUARKUS_DATASOURCE_PASSWORD", LocalPostgresServer.PASSWORD,
                    "QUARKADE_JWT_SIGN_KEY_LOCATION", SigningKeyFile.write(home.resolve("jwt.pem")).toString());
            String roomId;
            String token;
            int seat;
            int entity;
            int x;
            int score;
            try (PackagedApp first = PackagedApp.start(props, env)) {
                URI base = URI.create(first.baseUrl());
                TestPlayer alice = TestPlayer.guest(base, "alice");
                TestPlayer bob = TestPlayer.guest(base, "bob");
                roomId = alice.quickPlay();
                assertThat(bob.quickPlay()).isEqualTo(roomId);
                alice.connect(roomId).awaitWelcome();
                bob.connect(roomId).awaitWelcome();
                token = alice.accessToken;
                seat = alice.mirror.welcome().seat();
                entity = alice.mirror.welcome().entityId();
                await().atMost(WAIT).until(() -> alice.mirror.world().contains(entity));
                int direction = alice.mirror.world().get(entity, ArenaWorld.PLAYER_X) > ArenaWorld.WIDTH / 2 ? -1 : 1;
                for (int i = 0; i < 5; i++) {
                    alice.move(127 * direction, 0);
                }
                alice.awaitInputsApplied(WAIT);
                long moved = alice.mirror.latestTick();
                x = alice.mirror.world().get(entity, ArenaWorld.PLAYER_X);
                score = alice.mirror.world().get(entity, ArenaWorld.PLAYER_SCORE);
                await().atMost(WAIT).until(() -> storedTick(postgres, roomId) > moved);

                first.kill();
                assertThat(alice.awaitClose(WAIT)).as("no close frame from a killed server")
                        .isNotIn(CloseCodes.GOING_AWAY, CloseCodes.SERVICE_RESTART);
                bob.close();
            }

            long lastSeen;
            try (PackagedApp second = PackagedApp.start(props, env)) {
                TestPlayer alice = TestPlayer.withToken(URI.create(second.baseUrl()), token);
                long reconnecting = System.nanoTime();
                alice.connect(roomId).awaitWelcome();
                System.out.printf("[measure] after kill -9: restarted server ready in %d ms; reconnect to WELCOME "
                        + "(restore included) %d ms%n", second.timeToReady().toMillis(),
                        (System.nanoTime() - reconnecting) / 1_000_000);
                assertThat(alice.mirror.welcome().resumed()).isTrue();
                assertThat(alice.mirror.welcome().seat()).isEqualTo(seat);
                assertThat(alice.mirror.welcome().entityId()).isEqualTo(entity);
                assertThat(alice.mirror.world().get(entity, ArenaWorld.PLAYER_X)).isEqualTo(x);
                assertThat(alice.mirror.world().get(entity, ArenaWorld.PLAYER_SCORE)).isGreaterThanOrEqualTo(score);

                // Bob never comes back: dropped in the restored room, released once the grace has passed.
                await().atMost(GRACE.plus(WAIT)).until(() -> lastRoster(alice).size() == 1);
                assertThat(lastRoster(alice)).singleElement().satisfies(s -> assertThat(s.seat()).isEqualTo(seat));
                assertThat(alice.mirror.checksumMismatches()).isZero();

                second.close(); // SIGTERM: a last snapshot, then 1012
                assertThat(alice.awaitClose(WAIT)).isEqualTo(CloseCodes.SERVICE_RESTART);
                lastSeen = alice.mirror.latestTick();
            }

            try (PackagedApp third = PackagedApp.start(props, env)) {
                TestPlayer alice = TestPlayer.withToken(URI.create(third.baseUrl()), token);
                try (alice) {
                    alice.connect(roomId).awaitWelcome();
                    assertThat(alice.mirror.welcome().resumed()).isTrue();
                    assertThat(alice.mirror.welcome().tick()).as("resumed from the snapshot written at the stop")
                            .isGreaterThanOrEqualTo(lastSeen);
                }
            }
        }
    }

    private static List<ServerMessage.RosterEntry> lastRoster(TestPlayer player) {
        List<ServerMessage.Roster> rosters = player.mirror.all(ServerMessage.Roster.class);
        return rosters.isEmpty() ? List.of() : rosters.get(rosters.size() - 1).seats();
    }

    private static long storedTick(LocalPostgresServer postgres, String roomId) throws Exception {
        try (Connection c = postgres.connect();
                PreparedStatement query = c.prepareStatement("SELECT tick FROM room_snapshots WHERE room_id = ?")) {
            query.setString(1, roomId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        }
    }
}
