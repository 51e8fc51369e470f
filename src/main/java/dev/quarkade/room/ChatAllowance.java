package dev.quarkade.room;

/** How many chat lines one player may still send: a token bucket refilled at {@code perMinute}. Tick thread only. */
final class ChatAllowance {

    private final int perMinute;
    private double tokens;
    private long refilledAtMs;

    ChatAllowance(int perMinute, long nowMs) {
        this.perMinute = perMinute;
        this.tokens = perMinute;
        this.refilledAtMs = nowMs;
    }

    /** Takes one line's allowance; false (nothing taken) when the player is over it. */
    boolean take(long nowMs) {
        tokens = Math.min(perMinute, tokens + (nowMs - refilledAtMs) * perMinute / 60_000.0);
        refilledAtMs = nowMs;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
