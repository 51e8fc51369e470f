package dev.quarkade.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WorldStateTest {

    @Test
    void entitiesIterateInAscendingIdOrder() {
        WorldState s = new WorldState(0, 1);
        for (int id : new int[] { 40, 3, 65535, 0, 17 }) {
            s.put(id, 1, id);
        }
        int[] ids = new int[s.size()];
        for (int i = 0; i < s.size(); i++) {
            ids[i] = s.idAt(i);
            assertEquals(ids[i], s.fieldAt(i, 0));
        }
        assertArrayEquals(new int[] { 0, 3, 17, 40, 65535 }, ids);
    }

    @Test
    void fieldsAndGlobalsAreSetAndRead() {
        WorldState s = new WorldState(2);
        s.put(5, 1, 10, 20, 30);
        s.set(5, 2, -7);
        s.setGlobal(1, 99);
        assertEquals(-7, s.get(5, 2));
        assertEquals(20, s.get(5, 1));
        assertEquals(99, s.getGlobal(1));
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(5, 3));
        assertThrows(IllegalArgumentException.class, () -> s.get(6, 0));
    }

    @Test
    void removedEntityIsGoneAndOthersKeepTheirFields() {
        WorldState s = new WorldState(0);
        s.put(1, 1, 11);
        s.put(2, 1, 22);
        s.put(3, 1, 33);
        assertTrue(s.remove(2));
        assertFalse(s.remove(2));
        assertFalse(s.contains(2));
        assertEquals(33, s.get(3, 0));
        assertEquals(2, s.size());
    }

    @Test
    void putReplacesKindAndFieldCount() {
        WorldState s = new WorldState(0);
        s.put(1, 1, 1, 2, 3);
        s.put(1, 2, 9);
        assertEquals(2, s.kindAt(0));
        assertEquals(1, s.fieldCountAt(0));
        WorldState fresh = new WorldState(0);
        fresh.put(1, 2, 9);
        assertEquals(fresh, s);
    }

    @Test
    void aCopyIsSizedToItsWidestEntityAndStillTakesWiderOnes() {
        WorldState live = new WorldState(1);
        live.put(1, 0, 10, 11);
        live.put(2, 1, 20, 21, 22);
        WorldState copy = live.copy();
        assertEquals(live, copy);
        assertEquals(live.hashCode(), copy.hashCode());

        copy.put(3, 2, 30, 31, 32, 33, 34, 35, 36, 37); // wider than any entity copied
        copy.put(0, 2, 1);

        assertEquals(11, copy.get(1, 1));
        assertEquals(22, copy.get(2, 2));
        assertEquals(37, copy.get(3, 7));
        assertEquals(1, copy.get(0, 0));
        live.put(3, 2, 30, 31, 32, 33, 34, 35, 36, 37);
        live.put(0, 2, 1);
        assertEquals(live, copy);
        WorldState back = new WorldState(1);
        back.copyFrom(copy);
        back.copyFrom(live); // reusing arrays across strides
        assertEquals(live, back);
    }

    @Test
    void copyIsEqualAndIndependent() {
        WorldState s = new WorldState(1);
        s.put(1, 1, 5);
        s.setGlobal(0, 3);
        WorldState c = s.copy();
        assertEquals(s, c);
        assertEquals(s.hashCode(), c.hashCode());
        c.set(1, 0, 6);
        assertNotEquals(s, c);
        c.copyFrom(s);
        assertEquals(s, c);
    }

    @Test
    void outOfRangeIdsKindsAndFieldCountsAreRefused() {
        WorldState s = new WorldState(0);
        assertThrows(IllegalArgumentException.class, () -> s.put(65536, 1));
        assertThrows(IllegalArgumentException.class, () -> s.put(1, 256));
        assertThrows(IllegalArgumentException.class, () -> s.put(1, 1, new int[WorldState.MAX_FIELDS + 1]));
        assertThrows(IllegalArgumentException.class, () -> new WorldState(WorldState.MAX_GLOBALS + 1));
    }
}
