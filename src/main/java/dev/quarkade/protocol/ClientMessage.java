package dev.quarkade.protocol;

import java.util.Arrays;
import java.util.HexFormat;

/** A client-to-server message; u32 fields are held in a {@code long}. Layouts are in docs/protocol.md. */
public sealed interface ClientMessage {

    MessageType type();

    /** Player input for one tick, acknowledging the last state tick received. Payload is game-defined, opaque here. */
    record Input(long seq, long ackTick, byte[] payload) implements ClientMessage {
        public MessageType type() {
            return MessageType.INPUT;
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
    }

    /** The client's checksum check failed; the server answers with a full snapshot. */
    record ResyncRequest() implements ClientMessage {
        public MessageType type() {
            return MessageType.RESYNC_REQUEST;
        }
    }

    /** A chat line, 1 to {@link Limits#MAX_CHAT_BYTES} bytes of UTF-8. */
    record Chat(String text) implements ClientMessage {
        public MessageType type() {
            return MessageType.CHAT;
        }
    }

    /** Application-level ping; the server echoes the nonce in PONG. */
    record Ping(long nonce) implements ClientMessage {
        public MessageType type() {
            return MessageType.PING;
        }
    }

    /** A fresh access token for the open connection. */
    record TokenRefresh(String token) implements ClientMessage {
        public MessageType type() {
            return MessageType.TOKEN_REFRESH;
        }
    }

    /** Graceful leave: the seat is released at once. */
    record Leave() implements ClientMessage {
        public MessageType type() {
            return MessageType.LEAVE;
        }
    }
}
