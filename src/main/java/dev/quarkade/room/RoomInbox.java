package dev.quarkade.room;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A room's commands between two ticks: offered from any thread, drained by the tick. Player messages are bounded
 * ({@code capacity × quarkade.room.inbox-per-seat}); lifecycle commands never are.
 */
final class RoomInbox {

    private final Queue<RoomCommand> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final int bound;

    RoomInbox(int bound) {
        this.bound = bound;
    }

    /** Queues the command; false for a player message that finds the bound reached (nothing is queued). */
    boolean offer(RoomCommand command) {
        if (queued.incrementAndGet() > bound && command instanceof RoomCommand.PlayerMessage) {
            queued.decrementAndGet();
            return false;
        }
        queue.add(command);
        return true;
    }

    /** Applies every queued command, in order, to {@code room}. Tick thread only. */
    void drainTo(RoomCommand.Handler room) {
        RoomCommand command;
        while ((command = queue.poll()) != null) {
            queued.decrementAndGet();
            command.applyTo(room);
        }
    }

    int size() {
        return queued.get();
    }
}
