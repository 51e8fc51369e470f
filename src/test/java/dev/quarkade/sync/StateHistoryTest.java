package dev.quarkade.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StateHistoryTest {

    private static WorldState at(int tick) {
        WorldState s = new WorldState(1);
        s.setGlobal(0, tick);
        return s;
    }

    @Test
    void keepsTheLastNTicksOnly() {
        StateHistory h = new StateHistory(8);
        for (int t = 1; t <= 20; t++) {
            h.record(t, at(t));
        }
        assertNull(h.get(12));
        assertEquals(at(13), h.get(13));
        assertEquals(at(20), h.get(20));
        assertNull(h.get(21));
        assertNull(h.get(0));
    }

    @Test
    void skippedTicksDoNotEvictOlderStatesEarly() {
        StateHistory h = new StateHistory(8);
        h.record(3, at(3));
        h.record(9, at(9));
        assertEquals(at(3), h.get(3));
        h.record(11, at(11)); // same slot as 3
        assertNull(h.get(3));
    }

    @Test
    void recordedStateIsACopy() {
        StateHistory h = new StateHistory(4);
        WorldState s = at(1);
        h.record(1, s);
        s.setGlobal(0, 99);
        assertEquals(1, h.get(1).getGlobal(0));
    }

    @Test
    void ticksMustIncrease() {
        StateHistory h = new StateHistory(4);
        h.record(5, at(5));
        assertThrows(IllegalArgumentException.class, () -> h.record(5, at(5)));
    }

    @Test
    void playersWithTheSameBaselineShareOneBody() {
        TickEncoder enc = new TickEncoder(new StateHistory(8));
        enc.begin(1, at(1));
        enc.begin(2, at(2));
        assertEquals(1, enc.baselineFor(1));
        assertSame(enc.body(1), enc.body(enc.baselineFor(1)));
        assertSame(enc.body(0), enc.body(0));
    }

    @Test
    void ackOlderThanTheHistoryGetsAFullSnapshot() {
        TickEncoder enc = new TickEncoder(new StateHistory(8));
        for (int t = 1; t <= 20; t++) {
            enc.begin(t, at(t));
        }
        assertEquals(0, enc.baselineFor(12));
        assertEquals(13, enc.baselineFor(13));
        assertEquals(0, enc.baselineFor(20));
        assertEquals(0, enc.baselineFor(0));
    }
}
