package dev.quarkade.room.runtime;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The synchronous CDI events of an open room's life on this node, each fired on the room's own event loop, so an
 * observer may read the room's state. Durable rooms observe them to snapshot the rooms; nothing here knows who.
 */
public final class RoomLifecycle {

    private RoomLifecycle() {
    }

    /** The room opened here (created, or restored from a saved room) and ticks from now on. */
    public record Opened(OpenRoom room) {
    }

    /**
     * The server is stopping and the room is about to close with 1012 "server restarting": its players are to find it
     * again (after a hot reload, a restart, or on another node). An observer that must finish something first (a last
     * snapshot) hands its completion to {@code awaitBeforeStop}; the shutdown waits for it a short while.
     */
    public record Restarting(OpenRoom room, Consumer<CompletionStage<?>> awaitBeforeStop) {
    }

    /**
     * The room stopped ticking here. {@code forGood} is false when it closed only because the server is stopping (it is
     * to come back), true when it ended (disposed, closed by an operator, failed, moved to another node).
     */
    public record Stopped(OpenRoom room, boolean forGood) {
    }
}
