package dev.quarkade.room.runtime;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.room.Room;

/**
 * What can be done to an open room from outside its tick: an operator closes it or kicks a player, another node took it
 * over. Each runs on the room's own event loop, between two ticks.
 */
@ApplicationScoped
public class RoomControl {

    private static final Logger LOG = Logger.getLogger(RoomControl.class);

    private final RoomRegistry registry;
    private final RoomTicker ticker;

    RoomControl(RoomRegistry registry, RoomTicker ticker) {
        this.registry = registry;
        this.ticker = ticker;
    }

    /**
     * Closes one room for an operator: every player gets 4002 "room closed" and the room stops ticking. Completes with
     * false when there is no such open room.
     */
    public CompletionStage<Boolean> closeRoom(String roomId, String reason) {
        return onRoomLoop(roomId, entry -> {
            LOG.infof("Room %s closed by an operator: %s", roomId, reason);
            entry.room().close(CloseCodes.ROOM_CLOSED, "room closed");
            ticker.stop(entry);
            return true;
        });
    }

    /**
     * Removes a player from a room for an operator: their connection closes with 1008 and {@code reason}, and their
     * seat is released. Completes with false when the room or the player is not there.
     */
    public CompletionStage<Boolean> kick(String roomId, UUID playerId, String reason) {
        return onRoomLoop(roomId, entry -> {
            boolean kicked = entry.room().kick(playerId, reason);
            if (kicked) {
                LOG.infof("Player %s kicked from room %s: %s", playerId, roomId, reason);
            }
            return kicked;
        });
    }

    /**
     * Another node restored this room, taking this one for dead: its players are sent there with 1012 (reconnect to
     * the same room), and the room stops here.
     */
    public void closeMoved(String roomId) {
        onRoomLoop(roomId, entry -> {
            entry.room().close(CloseCodes.SERVICE_RESTART, "room moved");
            ticker.stop(entry);
            return true;
        });
    }

    /** Runs {@code work} on the room's own event loop, between two ticks, as long as the room is open. */
    private CompletionStage<Boolean> onRoomLoop(String roomId, Predicate<OpenRoom> work) {
        OpenRoom entry = registry.entry(roomId);
        if (entry == null) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        entry.loop().execute(() -> {
            try {
                Room room = entry.room();
                done.complete(!room.isClosed() && work.test(entry));
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }
}
