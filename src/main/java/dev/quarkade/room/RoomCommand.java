package dev.quarkade.room;

import java.util.UUID;

/**
 * What the transport asks of a room. Commands queue in the room's inbox from any thread and are carried out, in
 * order, at the start of the room's next tick: never on the socket's callback. Each command applies itself to the
 * room's {@link Handler}, so the room has one method per command and no type switch.
 */
public sealed interface RoomCommand {

    /** The connection that sent the command, which identifies the seat. */
    PlayerChannel channel();

    /** Carries the command out: calls the handler's method for it. */
    void applyTo(Handler room);

    /**
     * A command made of a player's message. Only these count against the inbox bound ({@link RoomInbox}); lifecycle
     * commands (join, leave, disconnected, liveness) are always taken, so a seat is never left behind by a lost "gone".
     */
    sealed interface PlayerMessage extends RoomCommand {
    }

    /** What a room does with each command, on its tick thread. */
    interface Handler {

        void join(Join command);

        void disconnected(Disconnected command);

        void leave(Leave command);

        void livenessChanged(LivenessChanged command);

        void input(Input command);

        void ack(Ack command);

        void resync(Resync command);

        void chat(Chat command);
    }

    /** A player's connection opened: seat them (or give them back their seat) and welcome them. */
    record Join(PlayerChannel channel, UUID playerId, String name) implements RoomCommand {

        @Override
        public void applyTo(Handler room) {
            room.join(this);
        }
    }

    /** The connection closed or was found dead: keep the seat for the reconnect grace. */
    record Disconnected(PlayerChannel channel) implements RoomCommand {

        @Override
        public void applyTo(Handler room) {
            room.disconnected(this);
        }
    }

    /** The player leaves for good: free the seat now. */
    record Leave(PlayerChannel channel) implements RoomCommand {

        @Override
        public void applyTo(Handler room) {
            room.leave(this);
        }
    }

    /** The transport's heartbeat changed its view of the connection. */
    record LivenessChanged(PlayerChannel channel, Liveness liveness) implements RoomCommand {

        @Override
        public void applyTo(Handler room) {
            room.livenessChanged(this);
        }
    }

    /** One input, with the last state tick the client received. */
    record Input(PlayerChannel channel, long seq, long ackTick, byte[] payload) implements PlayerMessage {

        @Override
        public void applyTo(Handler room) {
            room.input(this);
        }
    }

    /** The last state tick the client received. */
    record Ack(PlayerChannel channel, long tick) implements PlayerMessage {

        @Override
        public void applyTo(Handler room) {
            room.ack(this);
        }
    }

    /** The client's checksum failed: send it a full state. */
    record Resync(PlayerChannel channel) implements PlayerMessage {

        @Override
        public void applyTo(Handler room) {
            room.resync(this);
        }
    }

    /** A chat line to relay to the room. */
    record Chat(PlayerChannel channel, String text) implements PlayerMessage {

        @Override
        public void applyTo(Handler room) {
            room.chat(this);
        }
    }
}
