package dev.quarkade.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.quarkade.game.arena.ArenaGame;
import dev.quarkade.game.arena.ArenaWorld;
import dev.quarkade.node.NodeName;
import dev.quarkade.room.durable.DurableRooms;
import dev.quarkade.room.durable.SnapshotStore;
import dev.quarkade.room.runtime.RoomControl;
import dev.quarkade.room.runtime.RoomRegistry;
import dev.quarkade.testsupport.DecodingChannel;
import dev.quarkade.testsupport.TestPlayer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Durable rooms on one node: rooms are snapshotted at the interval without the tick ever waiting for the database,
 * only a newer tick overwrites a snapshot, a room ending for good takes its snapshot with it, and a room of a dead
 * node is restored, exactly once, for its players to resume with their seat, entity, position and score.
 */
@QuarkusTest
@TestProfile(DurableProfile.class)
class DurableRoomsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int TICKS_PER_SECOND = 30;

    @TestHTTPResource("/")
    URI base;

    @Inject
    Pool pool;

    @Inject
    SnapshotStore snapshots;

    @Inject
    DurableRooms durable;

    @Inject
    RoomRegistry rooms;

    @Inject
    RoomControl control;

    @Inject
    ArenaGame arena;

    @Test
    void roomsAreSnapshottedAtTheIntervalAndOnlyANewerTickOverwrites() throws Exception {
        try (TestPlayer player = TestPlayer.guest(base, "snapshotted")) {
            String roomId = player.quickPlay();
            player.connect(roomId).awaitWelcome();

            long first = await().atMost(WAIT).until(() -> storedTick(roomId), tick -> tick > 0);
            long second = await().atMost(WAIT).until(() -> storedTick(roomId), tick -> tick > first);
            assertThat(second - first).as("ticks between two snapshots, 200 ms apart at 30 Hz")
                    .isGreaterThanOrEqualTo(TICKS_PER_SECOND / 10);
            assertThat(stored(roomId).getString("owner")).isEqualTo(NodeName.incarnation());

            Room room = rooms.find(roomId).orElseThrow();
            SavedRoom older = new SavedRoom(roomId, "arena", room.capacity(), 1, RoomStatus.PLAYING, List.of(),
                    room.save().world());
            assertThat(snapshots.save(NodeName.incarnation(), older, older.encode())
                    .await().atMost(WAIT)).as("an older tick is refused").isFalse();
            assertThat(storedTick(roomId)).isGreaterThanOrEqualTo(second);
            assertThat(snapshots.save("another-node/1", older, older.encode()).await().atMost(WAIT))
                    .as("another owner's write is refused").isFalse();
        }
    }

    @Test
    void theTickNeverWaitsForASnapshotWriteTheDatabaseHoldsBack() throws Exception {
        try (TestPlayer player = TestPlayer.guest(base, "ticking")) {
            String roomId = player.quickPlay();
            player.connect(roomId).awaitWelcome();
            await().atMost(WAIT).until(() -> storedTick(roomId) > 0);

            // A transaction holding the table: every snapshot write now waits in the database.
            SqlConnection blocker = pool.getConnection().await().atMost(WAIT);
            try {
                blocker.query("BEGIN").execute().await().atMost(WAIT);
                blocker.query("LOCK TABLE room_snapshots IN EXCLUSIVE MODE").execute().await().atMost(WAIT);
                long tickAtLock = player.mirror.latestTick();
                long writtenAtLock = storedTick(roomId);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> !player.isClosed());
                long received = player.mirror.latestTick() - tickAtLock;
                System.out.printf("[measure] snapshot writes held by a table lock for 2 s: %d ticks received%n",
                        received);
                assertThat(received).as("ticks received while writes are held").isGreaterThan(TICKS_PER_SECOND);
                assertThat(storedTick(roomId)).as("no snapshot written meanwhile").isEqualTo(writtenAtLock);
                long heldTick = player.mirror.latestTick();
                blocker.query("ROLLBACK").execute().await().atMost(WAIT);

                await().atMost(WAIT).until(() -> storedTick(roomId) > heldTick);
            } finally {
                blocker.close().await().atMost(WAIT);
            }
        }
    }

    @Test
    void aRoomOfADeadNodeIsRestoredAndItsPlayerResumesWithSeatEntityAndScore() throws Exception {
        TestPlayer player = TestPlayer.guest(base, "returning");
        String roomId = "dead" + UUID.randomUUID().toString().substring(0, 8);
        SavedRoom carried = roomOfADeadNode(roomId, player.playerId, player.name, 7);
        int entity = carried.seats().get(0).player().entityId();
        int seat = carried.seats().get(0).player().seat();
        int x = carried.world().get(entity, ArenaWorld.PLAYER_X);

        try (player) {
            player.connect(roomId).awaitWelcome();

            assertThat(player.mirror.welcome().resumed()).isTrue();
            assertThat(player.mirror.welcome().seat()).isEqualTo(seat);
            assertThat(player.mirror.welcome().entityId()).isEqualTo(entity);
            assertThat(player.mirror.welcome().tick()).isGreaterThanOrEqualTo(carried.tick());
            assertThat(player.mirror.world().get(entity, ArenaWorld.PLAYER_SCORE)).isEqualTo(7);
            assertThat(player.mirror.world().get(entity, ArenaWorld.PLAYER_X)).isEqualTo(x);
            assertThat(stored(roomId).getString("owner")).as("claimed by this node")
                    .isEqualTo(NodeName.incarnation());
            await().atMost(WAIT).until(() -> storedTick(roomId) > carried.tick());
        }
    }

    @Test
    void concurrentRestoresOfOneRoomGiveExactlyOneRoom() throws Exception {
        String roomId = "race" + UUID.randomUUID().toString().substring(0, 8);
        roomOfADeadNode(roomId, UUID.randomUUID(), "racer", 3);

        List<Uni<Optional<Room>>> restores = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            restores.add(durable.restore(roomId));
        }
        List<Optional<Room>> results = Uni.join().all(restores).andFailFast().await().atMost(WAIT);

        assertThat(results.stream().filter(Optional::isPresent)).hasSize(1);
        assertThat(rooms.find(roomId)).isPresent().get().isSameAs(
                results.stream().flatMap(Optional::stream).findFirst().orElseThrow());
        assertThat(durable.restore(roomId).await().atMost(WAIT)).as("already open here").isEmpty();
    }

    @Test
    void ofConcurrentClaimsAcrossNodesExactlyOneWins() throws Exception {
        String roomId = "claim" + UUID.randomUUID().toString().substring(0, 8);
        roomOfADeadNode(roomId, UUID.randomUUID(), "claimed", 0);

        ExecutorService nodes = Executors.newFixedThreadPool(6);
        try {
            List<Future<Optional<byte[]>>> claims = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String node = "node-" + i + "/1";
                claims.add(nodes.submit(() -> snapshots.claim(roomId, "dead-node/1", node).await().atMost(WAIT)));
            }
            int won = 0;
            for (Future<Optional<byte[]>> claim : claims) {
                won += claim.get().isPresent() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            nodes.shutdown();
        }
    }

    @Test
    void aMissingOrUnreadableSnapshotRestoresNothingAndTheUpgradeIs404() throws Exception {
        String roomId = "bad" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO room_snapshots (room_id, owner, game, capacity, tick, taken_at, "
                + "format_version, body) VALUES ($1, 'dead-node/1', 'arena', 4, 10, now(), $2, $3)")
                .execute(Tuple.of(roomId, (short) SavedRoom.VERSION,
                        io.vertx.core.buffer.Buffer.buffer(new byte[] { 1, 2, 3 })))
                .await().atMost(WAIT);
        TestPlayer player = TestPlayer.guest(base, "hopeful");

        Map<String, String> auth = Map.of("Authorization", "Bearer " + player.accessToken);
        assertThat(TestPlayer.upgradeStatus(base, "/ws/rooms/" + roomId, auth)).isEqualTo(404);
        assertThat(TestPlayer.upgradeStatus(base, "/ws/rooms/nosuchroom123", auth)).isEqualTo(404);
        assertThat(durable.restore(roomId).await().atMost(WAIT)).isEmpty();
        assertThat(rooms.find(roomId)).isEmpty();
    }

    @Test
    void aRoomClosedForGoodTakesItsSnapshotWithIt() throws Exception {
        try (TestPlayer player = TestPlayer.guest(base, "closing")) {
            String roomId = player.quickPlay();
            player.connect(roomId).awaitWelcome();
            await().atMost(WAIT).until(() -> storedTick(roomId) > 0);

            assertThat(control.closeRoom(roomId, "test").toCompletableFuture().get()).isTrue();

            await().atMost(WAIT).until(() -> storedTick(roomId) < 0);
            // Nothing to restore: the room is gone, not brought back.
            Map<String, String> auth = Map.of("Authorization", "Bearer " + player.accessToken);
            assertThat(TestPlayer.upgradeStatus(base, "/ws/rooms/" + roomId, auth)).isEqualTo(404);
        }
    }

    @Test
    void aRoomAnotherNodeTookOverIsClosedHereWith1012() throws Exception {
        try (TestPlayer player = TestPlayer.guest(base, "moved")) {
            String roomId = player.quickPlay();
            player.connect(roomId).awaitWelcome();
            await().atMost(WAIT).until(() -> storedTick(roomId) > 0);

            // What a node that took this one for dead does when it restores the room.
            pool.preparedQuery("UPDATE room_snapshots SET owner = 'other-node/1' WHERE room_id = $1")
                    .execute(Tuple.of(roomId)).await().atMost(WAIT);

            assertThat(player.awaitClose(WAIT)).isEqualTo(dev.quarkade.protocol.CloseCodes.SERVICE_RESTART);
            assertThat(player.closeReason()).isEqualTo("room moved");
            assertThat(rooms.find(roomId)).isEmpty();
            assertThat(stored(roomId).getString("owner")).as("the other node's snapshot is kept")
                    .isEqualTo("other-node/1");
        }
    }

    /**
     * Stores, as node "dead-node/1" would have, the snapshot of a room where {@code player} has a seat and
     * {@code score} points, moved once to the right.
     */
    private SavedRoom roomOfADeadNode(String roomId, UUID player, String name, int score) {
        Room room = new Room(roomId, arena, 4, RoomTest.SETTINGS, RoomListener.NONE, new Random(5), 1_000_000);
        assertThat(room.hold(player, 1_000_000)).isTrue();
        DecodingChannel channel = new DecodingChannel();
        room.submit(new RoomCommand.Join(channel, player, name));
        room.tick(1_000_033);
        room.submit(new RoomCommand.Input(channel, 1, channel.mirror.latestTick(), new byte[] { 127, 0, 0 }));
        room.tick(1_000_066);
        SavedRoom carried = room.save();
        carried.world().set(carried.seats().get(0).player().entityId(), ArenaWorld.PLAYER_SCORE, score);
        assertThat(snapshots.save("dead-node/1", carried, carried.encode()).await().atMost(WAIT)).isTrue();
        return carried;
    }

    private Row stored(String roomId) {
        var rows = pool.preparedQuery("SELECT owner, tick FROM room_snapshots WHERE room_id = $1")
                .execute(Tuple.of(roomId)).await().atMost(WAIT);
        return rows.iterator().hasNext() ? rows.iterator().next() : null;
    }

    /** The tick of the stored snapshot of the room, -1 when there is none. */
    private long storedTick(String roomId) {
        Row row = stored(roomId);
        return row == null ? -1 : row.getLong("tick");
    }
}
