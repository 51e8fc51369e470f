package dev.quarkade.transport;

import dev.quarkade.protocol.CloseCodes;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;

/**
 * The close code RFC 6455 asks for when the WebSocket layer itself refuses what a client sent. Netty's frame decoder
 * finds reserved bits and opcodes, unmasked and fragmented control frames, bad close frames and oversized frames, and
 * carries the code in its exception; Vert.x finds messages over {@code max-message-size} while reassembling fragments.
 */
final class FrameFailures {

    private FrameFailures() {
    }

    /** The close code for a failure of the connection, or -1 when it is not the client's fault. */
    static int closeCode(Throwable failure) {
        if (failure instanceof CorruptedWebSocketFrameException corrupted) {
            return corrupted.closeStatus().code();
        }
        if (failure instanceof TooLongFrameException) {
            return CloseCodes.MESSAGE_TOO_BIG;
        }
        // Vert.x 4 signals a reassembled message over the limit with a plain IllegalStateException.
        String message = failure.getMessage();
        if (failure instanceof IllegalStateException && message != null && message.contains("max message size")) {
            return CloseCodes.MESSAGE_TOO_BIG;
        }
        return -1;
    }

    /** A short reason for the close frame: the decoder's own words, cut to fit the 123 bytes a close reason has. */
    static String reason(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return message.length() > 100 ? message.substring(0, 100) : message;
    }
}
