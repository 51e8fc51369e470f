package dev.quarkade.sync;

import java.util.Arrays;

/**
 * The synchronized world of one room: entities kept sorted by id, each with a kind and up to {@link #MAX_FIELDS}
 * int32 fields (the count is fixed per entity when it is put, so games choose it per kind), plus a fixed number of
 * int32 globals. Flat primitive arrays with a fixed stride per entity: no boxing, cheap to copy into the history ring.
 * A live world's stride is {@link #MAX_FIELDS}; a copy's is the widest entity it holds, so the 64 states of a room's
 * history take a third of the memory (the arena's entities have 3 fields of the 16). Not thread-safe; the room's tick
 * thread owns it.
 *
 * <p>
 * A game may keep secrets in it: an entity, or some of its fields, seen by one seat alone ({@link #hideFromOthers},
 * {@link #hideFieldsFromOthers}). Such a world is never encoded as it is: each seat gets its {@link #viewFor view},
 * and seats that own no secret share the {@link #PUBLIC_VIEW public view}, so a game without secrets (the arena) has
 * one view for all.
 */
public final class WorldState {

    /** Entity ids are u16. */
    public static final int MAX_ID = 0xffff;
    /** Fields per entity and globals per world: both fit a changed-fields bitmask of 16 bits. */
    public static final int MAX_FIELDS = 16;
    public static final int MAX_GLOBALS = 16;
    /** Kinds are u8. */
    public static final int MAX_KIND = 0xff;

    private int size;
    private int[] ids;
    private byte[] kinds;
    private byte[] fieldCounts;
    private int[] fields;
    /** Slots per entity in {@link #fields}: at least the field count of every entity held. */
    private int stride;
    private final int[] globals;
    /** Per entity: the seat that owns its secrets, plus one (0: no secrets). */
    private byte[] owners;
    /** Per entity: the fields only its owner sees (bits 0-15), and {@link #WHOLLY} when only the owner sees it at all. */
    private int[] secrets;
    /** Entities with secrets: none is the common case, where every seat sees the same world. */
    private int secretCount;
    /** {@link #secrets} bit: the entity is missing from every view but its owner's. */
    private static final int WHOLLY = 1 << 16;
    /** The view of a seat that owns nothing: what every seat may see. */
    public static final int PUBLIC_VIEW = -1;

    public WorldState(int globalCount) {
        this(globalCount, 16);
    }

    public WorldState(int globalCount, int entityCapacity) {
        if (globalCount < 0 || globalCount > MAX_GLOBALS) {
            throw new IllegalArgumentException("global count " + globalCount + " not in 0.." + MAX_GLOBALS);
        }
        globals = new int[globalCount];
        int cap = Math.max(1, entityCapacity);
        ids = new int[cap];
        kinds = new byte[cap];
        fieldCounts = new byte[cap];
        owners = new byte[cap];
        secrets = new int[cap];
        this.stride = MAX_FIELDS;
        fields = new int[cap * stride];
    }

    /**
     * Creates or replaces entity {@code id} with a kind and its field values (the count is fixed from now on). A new
     * entity is seen by every seat; replacing one keeps what it hides and from whom.
     */
    public void put(int id, int kind, int... values) {
        put(id, kind, values, values.length);
    }

    /** Creates or replaces entity {@code id} with the first {@code count} of {@code values}; no varargs array. */
    public void put(int id, int kind, int[] values, int count) {
        if (id < 0 || id > MAX_ID || kind < 0 || kind > MAX_KIND || count < 0 || count > MAX_FIELDS) {
            throw new IllegalArgumentException("entity " + id + " kind " + kind + " with " + count + " fields");
        }
        if (count > stride) {
            restride(MAX_FIELDS, ids.length);
        }
        int i = Arrays.binarySearch(ids, 0, size, id);
        if (i < 0) {
            i = insertAt(-i - 1, id);
        }
        kinds[i] = (byte) kind;
        fieldCounts[i] = (byte) count;
        int base = i * stride;
        System.arraycopy(values, 0, fields, base, count);
        Arrays.fill(fields, base + count, base + stride, 0);
    }

    /** Moves every entity's fields to a stride of {@code newStride} slots in an array for {@code capacity} entities. */
    private void restride(int newStride, int capacity) {
        int[] moved = new int[capacity * newStride];
        for (int i = 0; i < size; i++) {
            System.arraycopy(fields, i * stride, moved, i * newStride, fieldCounts[i]);
        }
        fields = moved;
        stride = newStride;
    }

    private int insertAt(int i, int id) {
        if (size == ids.length) {
            int cap = ids.length * 2;
            ids = Arrays.copyOf(ids, cap);
            kinds = Arrays.copyOf(kinds, cap);
            fieldCounts = Arrays.copyOf(fieldCounts, cap);
            owners = Arrays.copyOf(owners, cap);
            secrets = Arrays.copyOf(secrets, cap);
            fields = Arrays.copyOf(fields, cap * stride);
        }
        int tail = size - i;
        System.arraycopy(ids, i, ids, i + 1, tail);
        System.arraycopy(kinds, i, kinds, i + 1, tail);
        System.arraycopy(fieldCounts, i, fieldCounts, i + 1, tail);
        System.arraycopy(owners, i, owners, i + 1, tail);
        System.arraycopy(secrets, i, secrets, i + 1, tail);
        System.arraycopy(fields, i * stride, fields, (i + 1) * stride, tail * stride);
        ids[i] = id;
        owners[i] = 0;
        secrets[i] = 0;
        size++;
        return i;
    }

    public boolean remove(int id) {
        int i = indexOf(id);
        if (i < 0) {
            return false;
        }
        if (secrets[i] != 0) {
            secretCount--;
        }
        int tail = size - i - 1;
        System.arraycopy(ids, i + 1, ids, i, tail);
        System.arraycopy(kinds, i + 1, kinds, i, tail);
        System.arraycopy(fieldCounts, i + 1, fieldCounts, i, tail);
        System.arraycopy(owners, i + 1, owners, i, tail);
        System.arraycopy(secrets, i + 1, secrets, i, tail);
        System.arraycopy(fields, (i + 1) * stride, fields, i * stride, tail * stride);
        size--;
        return true;
    }

    public boolean contains(int id) {
        return indexOf(id) >= 0;
    }

    /** Position of {@code id} in iteration order, or a negative number if absent. */
    public int indexOf(int id) {
        return Arrays.binarySearch(ids, 0, size, id);
    }

    public void set(int id, int field, int value) {
        int i = existing(id);
        fields[i * stride + checkField(i, field)] = value;
    }

    public int get(int id, int field) {
        int i = existing(id);
        return fields[i * stride + checkField(i, field)];
    }

    private int existing(int id) {
        int i = indexOf(id);
        if (i < 0) {
            throw new IllegalArgumentException("no entity " + id);
        }
        return i;
    }

    private int checkField(int i, int field) {
        if (field < 0 || field >= fieldCounts[i]) {
            throw new IndexOutOfBoundsException("entity " + ids[i] + " has " + fieldCounts[i] + " fields, not " + field);
        }
        return field;
    }

    /** Number of entities; iterate with the {@code *At(index)} accessors, ids ascend with the index. */
    public int size() {
        return size;
    }

    public int idAt(int index) {
        return ids[index];
    }

    public int kindAt(int index) {
        return kinds[index] & 0xff;
    }

    public int fieldCountAt(int index) {
        return fieldCounts[index];
    }

    public int fieldAt(int index, int field) {
        return fields[index * stride + field];
    }

    public int globalCount() {
        return globals.length;
    }

    public int getGlobal(int i) {
        return globals[i];
    }

    public void setGlobal(int i, int value) {
        globals[i] = value;
    }

    public void clear() {
        size = 0;
        secretCount = 0;
        Arrays.fill(globals, 0);
    }

    /**
     * Entity {@code id} is seen by {@code seat} alone: every other seat's view lacks it, in full states, deltas,
     * checksums and resyncs alike (a hand of cards, a fleet). {@link #reveal} shows it to all again.
     */
    public void hideFromOthers(int id, int seat) {
        restrict(existing(id), seat, WHOLLY);
    }

    /**
     * The fields of entity {@code id} in {@code fieldMask} (bit f for field f) are seen by {@code seat} alone; every
     * other seat sees the entity with 0 in those fields (a card face down).
     */
    public void hideFieldsFromOthers(int id, int seat, int fieldMask) {
        if ((fieldMask & ~0xffff) != 0 || fieldMask == 0) {
            throw new IllegalArgumentException("field mask " + Integer.toHexString(fieldMask));
        }
        restrict(existing(id), seat, fieldMask);
    }

    /** Every seat sees entity {@code id} whole again. */
    public void reveal(int id) {
        int i = existing(id);
        if (secrets[i] != 0) {
            secretCount--;
        }
        owners[i] = 0;
        secrets[i] = 0;
    }

    private void restrict(int i, int seat, int secret) {
        if (seat < 0 || seat > 254) {
            throw new IllegalArgumentException("seat " + seat);
        }
        if (secrets[i] == 0) {
            secretCount++;
        }
        owners[i] = (byte) (seat + 1);
        secrets[i] = secret;
    }

    /** Whether some entity or field is hidden from some seat; when not, every seat's view is this world itself. */
    public boolean hasSecrets() {
        return secretCount > 0;
    }

    /** The seat that owns the secrets of the entity at {@code index}, or {@link #PUBLIC_VIEW} when it has none. */
    public int ownerAt(int index) {
        return (owners[index] & 0xff) - 1;
    }

    /** Whether the entity at {@code index} is missing from every view but its owner's. */
    public boolean isWhollyHiddenAt(int index) {
        return (secrets[index] & WHOLLY) != 0;
    }

    /** The fields of the entity at {@code index} only its owner sees (all of them when it is wholly hidden). */
    public int hiddenFieldsAt(int index) {
        return isWhollyHiddenAt(index) ? 0xffff : secrets[index] & 0xffff;
    }

    /**
     * Marks, in {@code seats} (bit s of word s / 64), every seat that owns a secret: those whose view differs from the
     * {@link #PUBLIC_VIEW}.
     */
    public void secretOwners(long[] seats) {
        Arrays.fill(seats, 0);
        if (secretCount == 0) {
            return;
        }
        for (int i = 0; i < size; i++) {
            int owner = ownerAt(i);
            if (owner >= 0) {
                seats[owner >> 6] |= 1L << (owner & 63);
            }
        }
    }

    /**
     * Writes into {@code view} this world as {@code seat} sees it ({@link #PUBLIC_VIEW}: as a seat that owns nothing
     * sees it): without the entities hidden from it, with 0 in the fields hidden from it, and with no secrets of its
     * own. The view is what is encoded and checksummed for that seat; this world never is when it has secrets.
     */
    public void viewFor(int seat, WorldState view) {
        if (view.globals.length != globals.length) {
            throw new IllegalArgumentException("global counts differ");
        }
        view.size = 0;
        view.secretCount = 0;
        if (view.stride != stride || view.ids.length < size) {
            int cap = Math.max(size, 1);
            view.ids = new int[cap];
            view.kinds = new byte[cap];
            view.fieldCounts = new byte[cap];
            view.owners = new byte[cap];
            view.secrets = new int[cap];
            view.stride = stride;
            view.fields = new int[cap * stride];
        }
        for (int i = 0; i < size; i++) {
            int owner = ownerAt(i);
            boolean foreign = owner >= 0 && owner != seat;
            if (foreign && isWhollyHiddenAt(i)) {
                continue;
            }
            int j = view.size++;
            view.ids[j] = ids[i];
            view.kinds[j] = kinds[i];
            view.fieldCounts[j] = fieldCounts[i];
            view.owners[j] = 0;
            view.secrets[j] = 0;
            int hidden = foreign ? secrets[i] : 0;
            for (int f = 0; f < stride; f++) {
                view.fields[j * stride + f] = (hidden & (1 << f)) != 0 ? 0 : fields[i * stride + f];
            }
        }
        System.arraycopy(globals, 0, view.globals, 0, globals.length);
    }

    /** A copy sized to what this state holds: as many entities, and a stride of its widest entity. */
    public WorldState copy() {
        WorldState c = new WorldState(globals.length, 0); // copyFrom sizes the arrays to fit
        c.copyFrom(this);
        return c;
    }

    /**
     * Makes this state equal to {@code other}, with a stride of {@code other}'s widest entity, reusing this state's
     * arrays when they are large enough.
     */
    public void copyFrom(WorldState other) {
        if (other.globals.length != globals.length) {
            throw new IllegalArgumentException("global counts differ");
        }
        int widest = 1;
        for (int i = 0; i < other.size; i++) {
            widest = Math.max(widest, other.fieldCounts[i]);
        }
        if (ids.length < other.size) {
            ids = new int[other.size];
            kinds = new byte[other.size];
            fieldCounts = new byte[other.size];
            owners = new byte[other.size];
            secrets = new int[other.size];
        }
        if (fields.length < other.size * widest) {
            fields = new int[other.size * widest];
        }
        size = other.size;
        stride = widest;
        System.arraycopy(other.ids, 0, ids, 0, size);
        System.arraycopy(other.kinds, 0, kinds, 0, size);
        System.arraycopy(other.fieldCounts, 0, fieldCounts, 0, size);
        System.arraycopy(other.owners, 0, owners, 0, size);
        System.arraycopy(other.secrets, 0, secrets, 0, size);
        secretCount = other.secretCount;
        if (other.stride == widest) {
            System.arraycopy(other.fields, 0, fields, 0, size * widest);
        } else {
            Arrays.fill(fields, 0, size * widest, 0);
            for (int i = 0; i < size; i++) {
                System.arraycopy(other.fields, i * other.stride, fields, i * widest, fieldCounts[i]);
            }
        }
        System.arraycopy(other.globals, 0, globals, 0, globals.length);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WorldState w) || w.size != size || !Arrays.equals(globals, w.globals)) {
            return false;
        }
        if (!Arrays.equals(ids, 0, size, w.ids, 0, size) || !Arrays.equals(kinds, 0, size, w.kinds, 0, size)
                || !Arrays.equals(fieldCounts, 0, size, w.fieldCounts, 0, size)
                || !Arrays.equals(owners, 0, size, w.owners, 0, size)
                || !Arrays.equals(secrets, 0, size, w.secrets, 0, size)) {
            return false;
        }
        // Strides may differ (a live world and its copy): compare each entity's own fields.
        for (int i = 0; i < size; i++) {
            if (!Arrays.equals(fields, i * stride, i * stride + fieldCounts[i], w.fields, i * w.stride,
                    i * w.stride + fieldCounts[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(globals);
        for (int i = 0; i < size; i++) {
            for (int f = 0; f < fieldCounts[i]; f++) {
                h = h * 31 + fields[i * stride + f];
            }
        }
        return h * 31 + size;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("WorldState[globals=").append(Arrays.toString(globals));
        for (int i = 0; i < size; i++) {
            sb.append(", ").append(ids[i]).append(':').append(kindAt(i))
                    .append(Arrays.toString(Arrays.copyOfRange(fields, i * stride, i * stride + fieldCounts[i])));
        }
        return sb.append(']').toString();
    }
}
