package dev.quarkade.room;

/** A seated player's connection as the room sees it. The numbers are what ROSTER carries. */
public enum Liveness {
    CONNECTED(0),
    SUSPECT(1),
    DROPPED(2);

    private final int wire;

    Liveness(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }
}
