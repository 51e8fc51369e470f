package dev.quarkade.room;

import java.util.ArrayDeque;

import dev.quarkade.game.PlayerSeat;

/** One occupied seat: the player, their current connection (if any) and their sync position. Tick thread only. */
final class Seat {

    final PlayerSeat player;
    PlayerChannel channel;
    Liveness liveness = Liveness.CONNECTED;
    long droppedAtMs;
    /** Last state tick the client says it received: the delta baseline. 0 means none. */
    long ackTick;
    /** Last input seq applied, echoed in every STATE so the client can reconcile its prediction. */
    long lastInputSeq;
    boolean needsFullState;
    final ArrayDeque<RoomCommand.Input> pendingInputs = new ArrayDeque<>();
    /** Chat allowance: a token bucket refilled per minute. */
    double chatTokens;
    long chatRefilledAtMs;

    Seat(PlayerSeat player) {
        this.player = player;
    }

    boolean isConnected() {
        return channel != null;
    }
}
