package dev.quarkade.room;

import java.util.ArrayDeque;

import dev.quarkade.game.PlayerSeat;
import dev.quarkade.sync.TickEncoder;

/**
 * The player in one occupied seat: their current connection (if any), liveness and sync position. Tick thread only.
 */
final class Occupant {

    final PlayerSeat player;
    final ChatAllowance chat;
    PlayerChannel channel;
    Liveness liveness = Liveness.CONNECTED;
    long droppedAtMs;
    /** Last state tick the client says it received: the delta baseline. 0 means none. */
    long ackTick;
    /** Last input seq applied, echoed in every STATE so the client can reconcile its prediction. */
    long lastInputSeq;
    boolean needsFullState;
    /** The view whose history {@link #ackTick} refers to: a state from another needs a full state first. */
    TickEncoder view;
    /** Joined (or back) this tick: the room's first frame to them, WELCOME, is still to be sent. */
    boolean awaitingWelcome;
    /** Whether that WELCOME resumes a seat they had. */
    boolean resumed;
    /** The tick whose state their WELCOME carried: no STATE of the same tick follows it. */
    long welcomedTick;
    final ArrayDeque<RoomCommand.Input> pendingInputs = new ArrayDeque<>();

    Occupant(PlayerSeat player, ChatAllowance chat) {
        this.player = player;
        this.chat = chat;
    }

    /** A connection that failed to take its frames: closed, and sent nothing more until the seat has another. */
    PlayerChannel failed;

    boolean isConnected() {
        return channel != null;
    }

    /** Whether frames may go to this seat's connection now. */
    boolean isReachable() {
        return channel != null && channel != failed;
    }
}
