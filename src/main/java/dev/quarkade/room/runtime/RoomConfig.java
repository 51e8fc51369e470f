package dev.quarkade.room.runtime;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of every room ({@code quarkade.room.*}). */
@ConfigMapping(prefix = "quarkade.room")
public interface RoomConfig {

    /** Ticks per second of every room. */
    @WithDefault("30")
    int tickRate();

    /** A room with no player and no held seat is disposed after this long. */
    @WithDefault("60s")
    Duration idleTimeout();

    /** How long join-or-create (and an accepted upgrade) holds a seat for the player before they connect. */
    @WithDefault("10s")
    Duration seatHold();

    /** Pause between the end of a match and the start of the next one in the same room. */
    @WithDefault("5s")
    Duration intermission();

    /** Inputs of one player applied per tick at most; later ones wait for the next tick. */
    @WithDefault("4")
    int maxInputsPerTick();

    /**
     * Deprecated name of {@code quarkade.websocket.max-frames-in-flight}, which is transport backpressure, not a room
     * setting. Still read: when set, and the new name is not, it is used (with a warning at start).
     *
     * @deprecated use {@code quarkade.websocket.max-frames-in-flight}
     */
    @Deprecated
    Optional<Integer> maxFramesInFlight();

    /**
     * Player messages (inputs, acks, chat, resync requests) a room queues per seat between two ticks. A connection
     * whose message finds the inbox full is closed with 1008 "room inbox full". The rate limit (120 in a burst) keeps
     * a healthy room far below it; the bound is for a tick that stalls while clients keep sending.
     */
    @WithDefault("256")
    int inboxPerSeat();

    /**
     * Rooms open on this node at most; creating one more is refused (429 {@code server_full}). Rooms restored from a
     * snapshot are never refused.
     */
    @WithDefault("1000")
    int maxRooms();

    /**
     * Open rooms one player may have created on this node (POST /api/rooms, or a join-or-create that found no free
     * seat); one more is refused (429 {@code too_many_rooms}) until one of theirs closes.
     */
    @WithDefault("3")
    int maxRoomsPerPlayer();

    /** Chat lines one player may send per minute; more are dropped. */
    @WithDefault("20")
    int chatPerMinute();

    /**
     * Durable rooms: each room is snapshotted to PostgreSQL every {@link #snapshotInterval()}, and a room of a node
     * that died is restored from its last snapshot when one of its players reconnects ({@code room.durable}).
     */
    @WithDefault("false")
    boolean durable();

    /** How often a durable room is snapshotted (when its tick moved since the last snapshot). */
    @WithDefault("5s")
    Duration snapshotInterval();
}
