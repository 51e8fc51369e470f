package dev.quarkade.game;

/**
 * Reliable, typed messages a match sends besides its world: a shot's result, a card dealt, "your turn". Each is sent
 * in a GAME_EVENT frame after the state of the tick it was sent in, in the order sent, to every connected seat or to
 * one, and is never skipped (a slow connection skips states, not events). A seat that is not connected when the event
 * is sent does not get it: what a player must find again after reconnecting belongs in the world.
 *
 * <p>
 * The {@code type} (0-255) and the {@code payload} (at most 4096 bytes) are the game's own: it
 * defines them for its clients, as it defines its input payload. The payload is copied: the caller may reuse it.
 */
public interface GameEvents {

    /** Sends an event to every connected seat. */
    void toAll(int type, byte[] payload);

    /** Sends an event to the player in {@code seat}, if connected. */
    void toSeat(int seat, int type, byte[] payload);

    /** Events that go nowhere: for a match driven without a room. */
    GameEvents NONE = new GameEvents() {
        @Override
        public void toAll(int type, byte[] payload) {
        }

        @Override
        public void toSeat(int seat, int type, byte[] payload) {
        }
    };
}
