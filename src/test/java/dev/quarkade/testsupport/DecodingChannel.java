package dev.quarkade.testsupport;

import java.nio.ByteBuffer;

import dev.quarkade.protocol.ProtocolException;
import dev.quarkade.room.PlayerChannel;

/** A connection that decodes what it receives like a client would. */
public class DecodingChannel implements PlayerChannel {
    public final ClientMirror mirror = new ClientMirror();
    public boolean writable = true;
    public int frames;
    /** Frames sent since the last flush, and how many times the room flushed. */
    public int unflushed;
    public int flushes;
    public Integer closeCode;

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public void send(ByteBuffer frame) {
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        frames++;
        unflushed++;
        try {
            mirror.receive(bytes);
        } catch (ProtocolException e) {
            throw new AssertionError("server sent a frame its own decoder rejects", e);
        }
    }

    @Override
    public void flush() {
        if (unflushed > 0) {
            flushes++;
            unflushed = 0;
        }
    }

    @Override
    public void close(int code, String reason) {
        closeCode = code;
    }

    @Override
    public int rttMillis() {
        return 20;
    }
}
