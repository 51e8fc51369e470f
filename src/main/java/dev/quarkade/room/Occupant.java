package dev.quarkade.room;

import java.util.ArrayDeque;

import dev.quarkade.game.PlayerSeat;

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
    final ArrayDeque<RoomCommand.Input> pendingInputs = new ArrayDeque<>();

    Occupant(PlayerSeat player, ChatAllowance chat) {
        this.player = player;
        this.chat = chat;
    }

    boolean isConnected() {
        return channel != null;
    }
}
