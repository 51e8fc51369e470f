package dev.quarkade.protocol;

import java.util.Arrays;
import java.util.HexFormat;

/** A client-to-server message; u32 fields are held in a {@code long}. Layouts are in docs/protocol.md. */
public sealed interface ClientMessage {

    MessageType type();

    /** Calls the handler's method for this message: the one dispatch on the message type, checked by the compiler. */
    <C> void dispatch(Handler<C> handler, C context);

    /** What the receiver does with each message; {@code C} is whatever it needs to know (the connection). */
    interface Handler<C> {

        void input(C context, Input message);

        void ack(C context, Ack message);

        void resync(C context, ResyncRequest message);

        void chat(C context, Chat message);

        void ping(C context, Ping message);

        void tokenRefresh(C context, TokenRefresh message);

        void leave(C context, Leave message);
    }

    /** Player input for one tick, acknowledging the last state tick received. Payload is game-defined, opaque here. */
    record Input(long seq, long ackTick, byte[] payload) implements ClientMessage {
        public MessageType type() {
            return MessageType.INPUT;
        }

        @Override
        public <C> void dispatch(Handler<C> handler, C context) {
            handler.input(context, this);
        }

        // Records compare arrays by reference; messages compare by content.
        @Override
        public boolean equals(Object o) {
            return o instanceof Input i && seq == i.seq && ackTick == i.ackTick && Arrays.equals(payload, i.payload);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(seq) * 31 + Long.hashCode(ackTick) * 17 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Input[seq=" + seq + ", ackTick=" + ackTick + ", payload=" + HexFormat.of().formatHex(payload) + "]";
        }
    }

    /** Acknowledges the last state tick received, when there is no input to send. */
    record Ack(long tick) implements ClientMessage {
        public MessageType type() {
            return MessageType.ACK;
        }

        @Override
        public <C> void dispatch(Handler<C> handler, C context) {
            handler.ack(context, this);
        }
    }

    /** The client's checksum check failed; the server answers with a full snapshot. */
    record ResyncRequest() implements ClientMessage {
        public MessageType type() {
            return MessageType.RESYNC_REQUEST;
        }

        @Override
        public <C> void dispatch(Handler<C> handler, C context) {
            handler.resync(context, this);
        }
    }

    /** A chat line, 1 to {@link Limits#MAX_CHAT_BYTES} bytes of UTF-8. */
    record Chat(String text) implements ClientMessage {
        public MessageType type() {
            return MessageType.CHAT;
        }

        @Override
        public <C> void dispatch(Handler<C> handler, C context) {
            handler.chat(context, this);
        }
    }

    /** Application-level ping; the server echoes the nonce in PONG. */
    record Ping(long nonce) implements ClientMessage {
        public MessageType type() {
            return MessageType.PING;
        }

        @Override
        public <C> void dispatch(Handler<C> handler, C context) {
            handler.ping(context, this);
        }
    }

    /** A fresh access token for the open connection. */
    record TokenRefresh(String token) implements ClientMessage {
        public MessageType type() {
            return MessageType.TOKEN_REFRESH;
        }

        @Override
        public <C> void dispatch(Handler<C> handler, C context) {
            handler.tokenRefresh(context, this);
        }
    }

    /** Graceful leave: the seat is released at once. */
    record Leave() implements ClientMessage {
        public MessageType type() {
            return MessageType.LEAVE;
        }

        @Override
        public <C> void dispatch(Handler<C> handler, C context) {
            handler.leave(context, this);
        }
    }
}
