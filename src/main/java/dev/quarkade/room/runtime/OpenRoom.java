package dev.quarkade.room.runtime;

import java.util.concurrent.ScheduledFuture;

import dev.quarkade.room.Room;
import io.netty.channel.EventLoop;

/**
 * A room open on this node, with the Vert.x event loop it is pinned to: its ticks, and every other piece of work on
 * its state (operator commands, saves, closing), run there, one at a time.
 */
public final class OpenRoom {

    private final Room room;
    private final EventLoop loop;
    private volatile ScheduledFuture<?> ticker;
    /** Set once, on the room's loop, when it stops ticking. */
    private boolean stopped;

    OpenRoom(Room room, EventLoop loop) {
        this.room = room;
        this.loop = loop;
    }

    public Room room() {
        return room;
    }

    public String id() {
        return room.id();
    }

    /** The event loop the room ticks on; work on the room's state must run there. */
    public EventLoop loop() {
        return loop;
    }

    ScheduledFuture<?> ticker() {
        return ticker;
    }

    void ticker(ScheduledFuture<?> ticker) {
        this.ticker = ticker;
    }

    /** True the first time only: a room closed by an operator is stopped once, not again by its next tick. */
    boolean markStopped() {
        if (stopped) {
            return false;
        }
        stopped = true;
        return true;
    }
}
