package dev.quarkade.game.arena;

import dev.quarkade.protocol.ProtocolException;

/**
 * The arena game's INPUT payload: 3 bytes, {@code moveX} i8, {@code moveY} i8, {@code buttons} u8. Move components
 * are -127..127 (-128 is rejected so the range is symmetric); buttons bit 0 is FIRE, bit 1 is DASH, bits 2-7 must be 0.
 */
public record ArenaInput(int moveX, int moveY, int buttons) {

    public static final int BYTES = 3;
    public static final int FIRE = 1;
    public static final int DASH = 2;

    public static ArenaInput decode(byte[] payload) throws ProtocolException {
        if (payload.length != BYTES) {
            throw ProtocolException.malformed("arena input is " + BYTES + " bytes, got " + payload.length);
        }
        ArenaInput in = new ArenaInput(payload[0], payload[1], payload[2] & 0xff);
        if (in.moveX == -128 || in.moveY == -128 || (in.buttons & ~(FIRE | DASH)) != 0) {
            throw ProtocolException.malformed("arena input out of range");
        }
        return in;
    }

    public byte[] encode() {
        if (Math.abs(moveX) > 127 || Math.abs(moveY) > 127 || (buttons & ~(FIRE | DASH)) != 0) {
            throw new IllegalArgumentException("arena input out of range: " + this);
        }
        return new byte[] { (byte) moveX, (byte) moveY, (byte) buttons };
    }
}
