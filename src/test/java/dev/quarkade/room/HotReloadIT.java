package dev.quarkade.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.quarkade.game.arena.ArenaWorld;
import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.sync.WorldState;
import dev.quarkade.testsupport.DevModeProject;
import dev.quarkade.testsupport.TestPlayer;

/**
 * {@code ./mvnw quarkus:dev} on a copy of the project: a player moves, a game rule changes in the Java source, the
 * next request hot-reloads it, and the player comes back to the same room, seat, position and score, now moving at
 * the new speed.
 */
class HotReloadIT {

    private static final String ARENA_CONFIG = "src/main/java/dev/quarkade/game/arena/ArenaConfig.java";

    @TempDir
    Path copy;

    @Test
    void roomKeepsItsPlayersAcrossAHotReloadAndTheNewRuleApplies() throws Exception {
        try (DevModeProject dev = DevModeProject.start(copy, Duration.ofMinutes(4))) {
            URI base = URI.create(dev.baseUrl());
            TestPlayer player = TestPlayer.guest(base, "reloader");
            String room = player.quickPlay();
            player.connect(room);
            await().atMost(Duration.ofSeconds(20)).until(() -> player.mirror.welcome() != null);
            int entity = player.mirror.welcome().entityId();
            int seat = player.mirror.welcome().seat();
            await().atMost(Duration.ofSeconds(10)).until(() -> player.mirror.world().contains(entity));
            int direction = player.mirror.world().get(entity, ArenaWorld.PLAYER_X) > ArenaWorld.WIDTH / 2 ? -1 : 1;
            int x0 = player.mirror.world().get(entity, ArenaWorld.PLAYER_X);
            player.move(127 * direction, 0);
            player.awaitInputsApplied(Duration.ofSeconds(10));
            WorldState before = player.mirror.world();
            int x = before.get(entity, ArenaWorld.PLAYER_X);
            int score = before.get(entity, ArenaWorld.PLAYER_SCORE);
            assertThat(x - x0).as("speed 12 before the edit").isEqualTo(12 * direction);

            dev.edit(ARENA_CONFIG, "@WithDefault(\"12\")", "@WithDefault(\"30\")");
            // Dev mode looks for changed sources when an application request arrives (not /q/ ones).
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                dev.status("/api/server");
                return player.isClosed();
            });
            assertThat(player.awaitClose(Duration.ZERO)).isEqualTo(CloseCodes.SERVICE_RESTART);
            TestPlayer again = player.sameAccount();
            try (again) {
                again.connect(room);
                await().atMost(Duration.ofSeconds(20)).until(() -> again.mirror.welcome() != null);
                assertThat(again.mirror.welcome().resumed()).isTrue();
                assertThat(again.mirror.welcome().seat()).isEqualTo(seat);
                assertThat(again.mirror.welcome().entityId()).isEqualTo(entity);
                assertThat(again.mirror.world().get(entity, ArenaWorld.PLAYER_X)).isEqualTo(x);
                assertThat(again.mirror.world().get(entity, ArenaWorld.PLAYER_SCORE)).isEqualTo(score);

                again.move(127 * direction, 0);
                again.awaitInputsApplied(Duration.ofSeconds(10));
                assertThat(again.mirror.world().get(entity, ArenaWorld.PLAYER_X) - x).as("speed 30 after the edit")
                        .isEqualTo(30 * direction);
            } finally {
                player.close();
            }
        }
    }
}
