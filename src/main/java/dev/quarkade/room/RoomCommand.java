package dev.quarkade.room;

import java.util.UUID;

/**
 * What the transport asks of a room. Commands queue in the room's inbox from any thread and are carried out, in
 * order, at the start of the room's next tick: never on the socket's callback.
 */
public sealed interface RoomCommand {

    /** The connection that sent the command, which identifies the seat. */
    PlayerChannel channel();

    /** A player's connection opened: seat them (or give them back their seat) and welcome them. */
    record Join(PlayerChannel channel, UUID playerId, String name) implements RoomCommand {
    }

    /** The connection closed or was found dead: keep the seat for the reconnect grace. */
    record Disconnected(PlayerChannel channel) implements RoomCommand {
    }

    /** One input, with the last state tick the client received. */
    record Input(PlayerChannel channel, long seq, long ackTick, byte[] payload) implements RoomCommand {
    }

    /** The last state tick the client received. */
    record Ack(PlayerChannel channel, long tick) implements RoomCommand {
    }

    /** The client's checksum failed: send it a full snapshot. */
    record Resync(PlayerChannel channel) implements RoomCommand {
    }

    /** A chat line to relay to the room. */
    record Chat(PlayerChannel channel, String text) implements RoomCommand {
    }

    /** The player leaves for good: free the seat now. */
    record Leave(PlayerChannel channel) implements RoomCommand {
    }

    /** The transport's heartbeat changed its view of the connection. */
    record LivenessChanged(PlayerChannel channel, Liveness liveness) implements RoomCommand {
    }
}
