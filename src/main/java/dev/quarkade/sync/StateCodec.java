package dev.quarkade.sync;

import dev.quarkade.protocol.FrameReader;
import dev.quarkade.protocol.FrameWriter;
import dev.quarkade.protocol.ProtocolException;

/**
 * Full-snapshot and delta bodies of STATE and WELCOME frames. Entities are written in ascending id order, so a state
 * has exactly one full-snapshot encoding: the bytes the checksum is computed over.
 */
public final class StateCodec {

    private StateCodec() {
    }

    /**
     * Full state: globals then every entity. Only a world without secrets is ever encoded for the wire: a world that
     * hides something from some seat is encoded through each seat's view ({@link WorldState#viewFor}).
     */
    public static FrameWriter encodeFull(WorldState s, FrameWriter w) {
        if (s.hasSecrets()) {
            throw new IllegalStateException("a world with secrets is encoded through its views only");
        }
        return writeFull(s, w);
    }

    private static FrameWriter writeFull(WorldState s, FrameWriter w) {
        w.varint(s.globalCount());
        for (int g = 0; g < s.globalCount(); g++) {
            w.zigzag(s.getGlobal(g));
        }
        w.varint(s.size());
        for (int i = 0; i < s.size(); i++) {
            writeEntity(s, i, w);
        }
        return w;
    }

    private static void writeEntity(WorldState s, int i, FrameWriter w) {
        w.varint(s.idAt(i)).u8(s.kindAt(i)).u8(s.fieldCountAt(i));
        for (int f = 0; f < s.fieldCountAt(i); f++) {
            w.zigzag(s.fieldAt(i, f));
        }
    }

    /** Delta turning {@code base} into {@code cur}: removed ids, added (or reshaped) entities, changed fields, globals. */
    public static FrameWriter encodeDelta(WorldState base, WorldState cur, FrameWriter w) {
        if (base.globalCount() != cur.globalCount()) {
            throw new IllegalArgumentException("global counts differ");
        }
        int removed = 0;
        for (int i = 0; i < base.size(); i++) {
            removed += cur.contains(base.idAt(i)) ? 0 : 1;
        }
        w.varint(removed);
        for (int i = 0; i < base.size(); i++) {
            if (!cur.contains(base.idAt(i))) {
                w.varint(base.idAt(i));
            }
        }
        int added = 0;
        int changed = 0;
        for (int i = 0; i < cur.size(); i++) {
            int j = base.indexOf(cur.idAt(i));
            if (!sameShape(base, j, cur, i)) {
                added++;
            } else if (changedMask(base, j, cur, i) != 0) {
                changed++;
            }
        }
        w.varint(added);
        for (int i = 0; i < cur.size(); i++) {
            if (!sameShape(base, base.indexOf(cur.idAt(i)), cur, i)) {
                writeEntity(cur, i, w);
            }
        }
        w.varint(changed);
        for (int i = 0; i < cur.size(); i++) {
            int j = base.indexOf(cur.idAt(i));
            int mask = sameShape(base, j, cur, i) ? changedMask(base, j, cur, i) : 0;
            if (mask != 0) {
                w.varint(cur.idAt(i)).varint(mask);
                for (int f = 0; f < cur.fieldCountAt(i); f++) {
                    if ((mask & (1 << f)) != 0) {
                        w.zigzag(cur.fieldAt(i, f));
                    }
                }
            }
        }
        int globalMask = 0;
        for (int g = 0; g < cur.globalCount(); g++) {
            globalMask |= base.getGlobal(g) != cur.getGlobal(g) ? 1 << g : 0;
        }
        w.varint(globalMask);
        for (int g = 0; g < cur.globalCount(); g++) {
            if ((globalMask & (1 << g)) != 0) {
                w.zigzag(cur.getGlobal(g));
            }
        }
        return w;
    }

    /** An entity present in both states with the same kind and field count can be sent as changed fields. */
    private static boolean sameShape(WorldState base, int j, WorldState cur, int i) {
        return j >= 0 && base.kindAt(j) == cur.kindAt(i) && base.fieldCountAt(j) == cur.fieldCountAt(i);
    }

    private static int changedMask(WorldState base, int j, WorldState cur, int i) {
        int mask = 0;
        for (int f = 0; f < cur.fieldCountAt(i); f++) {
            mask |= base.fieldAt(j, f) != cur.fieldAt(i, f) ? 1 << f : 0;
        }
        return mask;
    }

    /**
     * The server's own stored form of a world, never sent to a client: the full state followed by who may see what
     * (a varint count, then per entity with secrets: varint id, u8 owner seat, u8 1 when wholly hidden, u16 hidden
     * fields). What a saved room keeps, so a restored room hides what it hid.
     */
    public static FrameWriter encodeStored(WorldState s, FrameWriter w) {
        writeFull(s, w);
        int count = 0;
        for (int i = 0; i < s.size(); i++) {
            count += s.ownerAt(i) >= 0 ? 1 : 0;
        }
        w.varint(count);
        for (int i = 0; i < s.size(); i++) {
            if (s.ownerAt(i) >= 0) {
                w.varint(s.idAt(i)).u8(s.ownerAt(i)).u8(s.isWhollyHiddenAt(i) ? 1 : 0).u16(s.hiddenFieldsAt(i));
            }
        }
        return w;
    }

    /** Reads what {@link #encodeStored} wrote. */
    public static WorldState decodeStored(FrameReader r) throws ProtocolException {
        WorldState s = decodeFull(r);
        int count = r.varint(0, s.size(), "entities with secrets");
        for (int k = 0; k < count; k++) {
            int id = r.varint(0, WorldState.MAX_ID, "entity id");
            int owner = r.u8();
            boolean wholly = r.u8() == 1;
            int hidden = r.u16();
            if (!s.contains(id) || owner > 254 || (!wholly && hidden == 0)) {
                throw ProtocolException.malformed("secret of entity " + id);
            }
            if (wholly) {
                s.hideFromOthers(id, owner);
            } else {
                s.hideFieldsFromOthers(id, owner, hidden);
            }
        }
        return s;
    }

    public static WorldState decodeFull(byte[] body) throws ProtocolException {
        FrameReader r = new FrameReader(body);
        WorldState s = decodeFull(r);
        r.expectEnd();
        return s;
    }

    /** Reads a full snapshot; ids must ascend. */
    public static WorldState decodeFull(FrameReader r) throws ProtocolException {
        int globals = r.varint(0, WorldState.MAX_GLOBALS, "global count");
        int[] values = new int[WorldState.MAX_FIELDS];
        for (int g = 0; g < globals; g++) {
            values[g] = r.zigzag();
        }
        // Every entity takes at least 3 bytes; bounding the count by that keeps a hostile count from allocating.
        int n = r.varint(0, Math.min(WorldState.MAX_ID + 1, r.remaining() / 3), "entity count");
        WorldState s = new WorldState(globals, n);
        for (int g = 0; g < globals; g++) {
            s.setGlobal(g, values[g]);
        }
        int previous = -1;
        for (int k = 0; k < n; k++) {
            previous = readEntity(r, s, previous, values);
        }
        return s;
    }

    private static int readEntity(FrameReader r, WorldState s, int previous, int[] values) throws ProtocolException {
        int id = r.varint(previous + 1, WorldState.MAX_ID, "entity id (ascending)");
        int kind = r.u8();
        int count = r.u8();
        if (count > WorldState.MAX_FIELDS) {
            throw ProtocolException.malformed("field count " + count + " over " + WorldState.MAX_FIELDS);
        }
        for (int f = 0; f < count; f++) {
            values[f] = r.zigzag();
        }
        s.put(id, kind, values, count);
        return id;
    }

    public static WorldState applyDelta(WorldState base, byte[] body) throws ProtocolException {
        FrameReader r = new FrameReader(body);
        WorldState s = applyDelta(base, r);
        r.expectEnd();
        return s;
    }

    /** The state a delta turns {@code base} into; {@code base} is not modified. */
    public static WorldState applyDelta(WorldState base, FrameReader r) throws ProtocolException {
        WorldState s = base.copy();
        int removed = r.varint(0, base.size(), "removed count");
        int previous = -1;
        for (int k = 0; k < removed; k++) {
            previous = r.varint(previous + 1, WorldState.MAX_ID, "removed id (ascending)");
            if (!s.remove(previous)) {
                throw ProtocolException.malformed("removed entity " + previous + " not in baseline");
            }
        }
        int[] values = new int[WorldState.MAX_FIELDS];
        int added = r.varint(0, Math.min(WorldState.MAX_ID + 1, r.remaining() / 3), "added count");
        previous = -1;
        for (int k = 0; k < added; k++) {
            previous = readEntity(r, s, previous, values);
        }
        int changed = r.varint(0, s.size(), "changed count");
        previous = -1;
        for (int k = 0; k < changed; k++) {
            previous = r.varint(previous + 1, WorldState.MAX_ID, "changed id (ascending)");
            int i = s.indexOf(previous);
            if (i < 0) {
                throw ProtocolException.malformed("changed entity " + previous + " not in state");
            }
            int count = s.fieldCountAt(i);
            int mask = r.varint(1, (1 << count) - 1, "changed field mask");
            for (int f = 0; f < count; f++) {
                if ((mask & (1 << f)) != 0) {
                    s.set(previous, f, r.zigzag());
                }
            }
        }
        int globalMask = r.varint(0, (1 << s.globalCount()) - 1, "changed globals mask");
        for (int g = 0; g < s.globalCount(); g++) {
            if ((globalMask & (1 << g)) != 0) {
                s.setGlobal(g, r.zigzag());
            }
        }
        return s;
    }
}
