package dev.quarkade.testsupport;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import dev.quarkade.lobby.RoomUrls;
import dev.quarkade.room.runtime.RoomOpener;
import dev.quarkade.transport.OpenConnections;
import io.vertx.core.Vertx;

/**
 * For tests of the WebSocket upgrade: a fresh room per test (so seats kept for reconnecting players never fill it),
 * the Vert.x instance to open sockets with, and the registry of open connections to check what got in.
 */
public abstract class UpgradeTestBase {

    @Inject
    protected RoomOpener rooms;

    @Inject
    protected Vertx vertx;

    @Inject
    protected OpenConnections openConnections;

    /** {@code /ws/rooms/<id>} of this test's own room. */
    protected String roomPath;

    @BeforeEach
    void openRoom() {
        roomPath = RoomUrls.wsPath(rooms.create("arena", 16).id());
    }
}
