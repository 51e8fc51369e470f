package dev.quarkade.room;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.quarkade.game.PlayerSeat;
import dev.quarkade.protocol.FrameReader;
import dev.quarkade.protocol.FrameWriter;
import dev.quarkade.protocol.ProtocolException;
import dev.quarkade.sync.StateCodec;
import dev.quarkade.sync.WorldState;

/**
 * A room as saved by {@link Room#save()}: what it needs to carry on elsewhere (its id, game, seats and world), for
 * {@link Room#restore}. Handed across a dev-mode hot reload ({@code room.runtime.HotReloadHandover}) and stored as the
 * body of a durable room's snapshot ({@code room.durable.SnapshotStore}). Encoded with the protocol's own primitives
 * ({@link StateCodec#encodeFull} for the world), so it needs no reflection and no class that the reload throws away.
 */
public record SavedRoom(String id, String gameId, int capacity, long tick, RoomStatus status,
        List<SavedSeat> seats, WorldState world, long matchStartedAtMs) {

    /** A room whose match start time is unknown: a restore starts the match clock's record at the restore. */
    public SavedRoom(String id, String gameId, int capacity, long tick, RoomStatus status, List<SavedSeat> seats,
            WorldState world) {
        this(id, gameId, capacity, tick, status, seats, world, UNKNOWN_START);
    }

    /** {@link #matchStartedAtMs()} when not known. */
    public static final long UNKNOWN_START = -1;

    /** One occupied seat; the player's score lives in the world. */
    public record SavedSeat(PlayerSeat player, long lastInputSeq) {
    }

    /**
     * Bumped whenever the layout below changes: a saved room of another version is ignored, not misread. 2: the match's
     * start time (epoch ms, or all ones when unknown) after the world. 3: the world in its stored form, with who may see
     * what ({@link StateCodec#encodeStored}). Version 2 is still read (a world without secrets).
     */
    public static final int VERSION = 3;
    /** The oldest layout still read. */
    public static final int OLDEST_READ = 2;

    /** Whether a saved room of layout {@code version} can be read here. */
    public static boolean readable(int version) {
        return version >= OLDEST_READ && version <= VERSION;
    }

    public void writeTo(FrameWriter w) {
        w.shortString(id).shortString(gameId).u8(capacity).u64(tick).u8(status.ordinal()).u8(seats.size());
        for (SavedSeat s : seats) {
            PlayerSeat p = s.player();
            w.u8(p.seat()).u64(p.playerId().getMostSignificantBits()).u64(p.playerId().getLeastSignificantBits())
                    .shortString(p.name()).u16(p.entityId()).u64(s.lastInputSeq());
        }
        FrameWriter body = StateCodec.encodeStored(world, new FrameWriter(256));
        w.u32(body.size()).bytes(body.array(), 0, body.size());
        w.u64(matchStartedAtMs);
    }

    private static SavedRoom readFrom(FrameReader r, int version) throws ProtocolException {
        String id = r.shortString(255);
        String gameId = r.shortString(255);
        int capacity = r.u8();
        long tick = r.u64();
        int statusOrdinal = r.u8();
        if (statusOrdinal >= RoomStatus.values().length) {
            throw ProtocolException.malformed("room status " + statusOrdinal);
        }
        RoomStatus status = RoomStatus.values()[statusOrdinal];
        int count = r.u8();
        List<SavedSeat> seats = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int seat = r.u8();
            UUID player = new UUID(r.u64(), r.u64());
            String name = r.shortString(255);
            int entityId = r.u16();
            seats.add(new SavedSeat(new PlayerSeat(seat, player, name, entityId), r.u64()));
        }
        int length = (int) r.u32();
        FrameReader body = new FrameReader(r.bytes(length));
        WorldState world = version >= 3 ? StateCodec.decodeStored(body) : StateCodec.decodeFull(body);
        body.expectEnd();
        long matchStartedAtMs = r.u64();
        return new SavedRoom(id, gameId, capacity, tick, status, List.copyOf(seats), world,
                matchStartedAtMs < 0 ? UNKNOWN_START : matchStartedAtMs);
    }

    /** This room alone, without a version header (the caller stores {@link #VERSION} next to it). */
    public byte[] encode() {
        FrameWriter w = new FrameWriter(1024);
        writeTo(w);
        return w.toByteArray();
    }

    /** A room {@link #encode}d with layout {@code version}; fails on anything else, trailing bytes included. */
    public static SavedRoom decode(byte[] bytes, int version) throws ProtocolException {
        if (!readable(version)) {
            throw ProtocolException.malformed("saved room layout " + version);
        }
        FrameReader r = new FrameReader(bytes);
        SavedRoom room = readFrom(r, version);
        r.expectEnd();
        return room;
    }

    /** Encodes a list of saved rooms with a version header. */
    public static byte[] encodeAll(List<SavedRoom> rooms) {
        FrameWriter w = new FrameWriter(1024).u8(VERSION).varint(rooms.size());
        rooms.forEach(room -> room.writeTo(w));
        return w.toByteArray();
    }

    /** The saved rooms in {@code bytes}, or none when they were written by another version of this class. */
    public static List<SavedRoom> decodeAll(byte[] bytes) throws ProtocolException {
        FrameReader r = new FrameReader(bytes);
        int version = r.u8();
        if (!readable(version)) {
            return List.of();
        }
        int count = r.varint(0, 100_000, "room count");
        List<SavedRoom> rooms = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rooms.add(readFrom(r, version));
        }
        r.expectEnd();
        return rooms;
    }
}
