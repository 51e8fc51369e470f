package dev.quarkade.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.quarkade.testsupport.TestPlayer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Join-or-create on a server of its own, so no room of another test has free seats. */
@QuarkusTest
@TestProfile(MatchmakingTest.OwnServer.class)
class MatchmakingTest {

    /** A separate application instance: its own, empty set of rooms. */
    public static class OwnServer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkade.room.seat-hold", "30s");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void concurrentPlayersFillOneRoomAndExactlyOneWinsTheLastSeat() throws Exception {
        List<TestPlayer> players = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            players.add(TestPlayer.guest(base, "racer" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            List<CompletableFuture<String>> rooms = new ArrayList<>();
            for (TestPlayer p : players) {
                rooms.add(CompletableFuture.supplyAsync(p::quickPlay, pool));
            }
            Map<String, Long> seatsByRoom = new java.util.HashMap<>();
            for (CompletableFuture<String> room : rooms) {
                seatsByRoom.merge(room.get(30, TimeUnit.SECONDS), 1L, Long::sum);
            }
            // Eight seats per arena room: the ninth player of a race gets a new room, never an overfull one.
            assertThat(seatsByRoom.values()).containsExactlyInAnyOrder(8L, 1L);
        } finally {
            pool.shutdownNow();
        }
    }
}
