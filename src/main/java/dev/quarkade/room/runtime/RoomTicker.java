package dev.quarkade.room.runtime;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.room.Room;
import io.vertx.core.Vertx;

/**
 * Drives the ticks of open rooms. Each room is pinned to one Vert.x event loop (round robin) and ticks there at a fixed
 * rate; inputs reach it through its inbox, so no room state is ever shared between threads.
 */
@ApplicationScoped
public class RoomTicker {

    private static final Logger LOG = Logger.getLogger(RoomTicker.class);

    private final Vertx vertx;
    private final RoomRegistry registry;
    private final Event<RoomLifecycle.Opened> opened;
    private final Event<RoomLifecycle.Stopped> stopped;

    RoomTicker(Vertx vertx, RoomRegistry registry, Event<RoomLifecycle.Opened> opened,
            Event<RoomLifecycle.Stopped> stopped) {
        this.vertx = vertx;
        this.registry = registry;
        this.opened = opened;
        this.stopped = stopped;
    }

    /**
     * Registers {@code room} and starts its ticks on the next event loop.
     *
     * @throws IllegalArgumentException if a room of that id is already open here
     */
    OpenRoom start(Room room) {
        OpenRoom entry = new OpenRoom(room, vertx.nettyEventLoopGroup().next());
        if (!registry.add(entry)) {
            throw new IllegalArgumentException("room " + room.id() + " is already open");
        }
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / room.tickRate();
        // Netty's fixed-rate schedule runs on the event loop thread and keeps the average rate exact (no drift).
        entry.ticker(entry.loop().scheduleAtFixedRate(() -> tick(entry), periodNanos, periodNanos,
                TimeUnit.NANOSECONDS));
        entry.loop().execute(() -> opened.fire(new RoomLifecycle.Opened(entry)));
        return entry;
    }

    /** Stops the room's ticks and forgets it here. On the room's loop, after it closed. */
    void stop(OpenRoom entry) {
        if (!entry.markStopped()) {
            return;
        }
        entry.ticker().cancel(false);
        registry.remove(entry);
        // Ended for good (disposed, closed by an operator, failed) unless the whole server is going down.
        stopped.fire(new RoomLifecycle.Stopped(entry, !registry.isDraining()));
    }

    private void tick(OpenRoom entry) {
        Room room = entry.room();
        // Nothing may escape: a scheduled task that throws is silently never run again, freezing its room.
        boolean open;
        try {
            open = room.tick(System.currentTimeMillis());
        } catch (Throwable e) {
            LOG.errorf(e, "Room %s failed in its tick and is closed", room.id());
            closeQuietly(room);
            open = false;
        }
        if (!open) {
            stop(entry);
        }
    }

    private static void closeQuietly(Room room) {
        try {
            room.close(CloseCodes.INTERNAL_ERROR, "internal error");
        } catch (Throwable e) {
            LOG.errorf(e, "Room %s could not even be closed cleanly", room.id());
        }
    }
}
