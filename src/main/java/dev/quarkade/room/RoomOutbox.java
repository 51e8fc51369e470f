package dev.quarkade.room;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

import dev.quarkade.game.Game;
import dev.quarkade.game.GameEvents;
import dev.quarkade.game.PlayerResult;
import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.protocol.FrameWriter;
import dev.quarkade.protocol.Limits;
import dev.quarkade.protocol.ServerCodec;
import dev.quarkade.protocol.ServerMessage;
import dev.quarkade.sync.StateHistory;
import dev.quarkade.sync.TickEncoder;
import dev.quarkade.sync.WorldState;

/**
 * Every frame a room sends goes out here: WELCOME, each seat's STATE, ROSTER, CHAT_RELAY, GAME_EVENT, MATCH_END and
 * MATCH_STATUS. It keeps the sync history of each view of the world and encodes each tick's bodies once per view and
 * baseline ({@link TickEncoder}); frames queued on a connection during a tick are handed to it in one
 * {@link PlayerChannel#flush()} at the end of the tick. Tick thread only.
 *
 * <p>
 * <b>Views.</b> A seat sees the {@link WorldState#viewFor view} of the world meant for it: its full states, deltas,
 * checksums and resyncs are all of that view, so what the world hides from it never leaves the server toward it. Seats
 * that own no secret share the public view and its encoding; when the world has no secret at all (the arena) that view
 * is the world itself and nothing is copied. A seat that owns a secret has a view (and a history) of its own.
 *
 * <p>
 * <b>Order within a tick:</b> CHAT_RELAYs of the lines that came in since the last tick (relayed as they are applied,
 * to connections already welcomed), WELCOME (with the MATCH_STATUS) to each seat that joined, ROSTER when it changed, each
 * other seat's STATE, the tick's GAME_EVENTs, MATCH_END when the match ended this tick (after the state with the final
 * scores), MATCH_STATUS when it changed.
 *
 * <p>
 * A failure to encode or send for one connection closes that connection alone (1011): the room plays on.
 */
final class RoomOutbox implements GameEvents {

    private static final System.Logger LOG = System.getLogger(RoomOutbox.class.getName());

    private final String roomId;
    private final RoomSettings settings;
    private final Game game;
    private final byte[] gameSettings;
    private final int tickRate;
    private final int capacity;
    private final TickEncoder shared = new TickEncoder(new StateHistory());
    /** The views of seats that own a secret, made when first needed. */
    private final TickEncoder[] ownViews;
    /** Bit s: seat s owns a secret this tick, so sees its own view. */
    private final long[] owners = new long[4];
    private WorldState viewScratch;
    private final FrameWriter frame = new FrameWriter(1024);
    /** Each player's STATE header, written here per player; the body beside it is shared. */
    private final FrameWriter stateHeader = new FrameWriter(ServerCodec.STATE_HEADER_BYTES);
    /** Connections sent something this tick, flushed once at its end. */
    private final List<PlayerChannel> toFlush = new ArrayList<>();
    /** Game events sent this tick, in order. */
    private final List<PendingEvent> events = new ArrayList<>();
    private long bytesSent;

    /** One game event waiting for the end of the tick; {@code seat} -1 for every seat. */
    private record PendingEvent(int seat, int type, byte[] payload) {
    }

    RoomOutbox(String roomId, Game game, int capacity, int tickRate, RoomSettings settings) {
        this.roomId = roomId;
        this.game = game;
        this.gameSettings = game.clientSettings().clone();
        this.capacity = capacity;
        this.tickRate = tickRate;
        this.settings = settings;
        this.ownViews = new TickEncoder[capacity];
        if (gameSettings.length > Limits.MAX_GAME_SETTINGS) {
            throw new IllegalArgumentException(game.id() + " client settings over " + Limits.MAX_GAME_SETTINGS);
        }
    }

    /** Records the world as of {@code tick}, in each of its views: what this tick's frames show. */
    void record(long tick, WorldState world) {
        world.secretOwners(owners);
        if (!world.hasSecrets()) {
            shared.begin(tick, world);
            return;
        }
        if (viewScratch == null || viewScratch.globalCount() != world.globalCount()) {
            viewScratch = new WorldState(world.globalCount(), world.size());
        }
        world.viewFor(WorldState.PUBLIC_VIEW, viewScratch);
        shared.begin(tick, viewScratch);
        for (int seat = 0; seat < capacity; seat++) {
            if (ownsSecret(seat)) {
                world.viewFor(seat, viewScratch);
                if (ownViews[seat] == null) {
                    ownViews[seat] = new TickEncoder(new StateHistory());
                }
                ownViews[seat].begin(tick, viewScratch);
            }
        }
    }

    /** The tick of the last recorded world. */
    long tick() {
        return shared.tick();
    }

    /** The first frames of each seat that joined this tick: WELCOME with its view's full state, and the status. */
    void welcomes(Seats seats, ServerMessage.MatchStatus status, long nowMs) {
        for (int i = 0; i < seats.capacity(); i++) {
            Occupant o = seats.at(i);
            if (o == null || !o.awaitingWelcome || !o.isReachable()) {
                continue;
            }
            o.awaitingWelcome = false;
            try {
                TickEncoder view = viewOf(i);
                frame.reset();
                ServerCodec.encode(new ServerMessage.Welcome(Limits.PROTOCOL_VERSION, o.player.seat(),
                        o.player.entityId(), tickRate, capacity, StateHistory.DEFAULT_TICKS, o.resumed, view.tick(),
                        nowMs, view.checksum(), settings.reconnectGrace().toMillis(),
                        settings.silenceTimeout().toMillis(), game.id(), gameSettings, view.body(0)), frame);
                send(o.channel, frame);
                frame.reset();
                send(o.channel, ServerCodec.encode(status, frame));
                // The welcome's state is the client's first baseline, as if acknowledged (docs/protocol.md, 8).
                o.view = view;
                o.ackTick = view.tick();
                o.welcomedTick = view.tick();
                o.needsFullState = false;
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    /**
     * Sends this tick's state to every connected seat not welcomed this tick: a delta from the seat's acknowledged
     * baseline in its view (or the full state), each body encoded once per view and baseline and shared. A seat whose
     * connection is not writable is skipped: its next state, a delta from the same acknowledged baseline, carries
     * everything it missed.
     */
    void states(Seats seats, long nowMs) {
        for (int i = 0; i < seats.capacity(); i++) {
            Occupant o = seats.at(i);
            if (o == null || !o.isReachable() || o.welcomedTick == shared.tick() || !o.channel.isWritable()) {
                continue;
            }
            try {
                TickEncoder view = viewOf(i);
                if (o.view != view) {
                    // The seat's view changed (it came to own a secret, or no longer does): its ack is of the other.
                    o.view = view;
                    o.needsFullState = true;
                }
                long baseline = o.needsFullState ? 0 : view.baselineFor(o.ackTick);
                byte[] body = view.body(baseline);
                // Only the 27-byte header is the player's own; the channel copies header and shared body straight
                // into its tick's socket buffer, with no array per player.
                stateHeader.reset();
                ServerCodec.encodeStateHeader(stateHeader, view.tick(), nowMs, baseline, o.lastInputSeq,
                        o.channel.rttMillis(), view.checksum(), body.length);
                bytesSent += stateHeader.size() + body.length;
                o.channel.sendState(stateHeader.array(), stateHeader.size(), body);
                queued(o.channel);
                o.needsFullState = false;
            } catch (RuntimeException e) {
                failed(o, e);
            }
        }
    }

    /** Who sits where, with their liveness, to every connected seat. */
    void roster(Seats seats) {
        List<ServerMessage.RosterEntry> entries = new ArrayList<>(seats.capacity());
        for (int i = 0; i < seats.capacity(); i++) {
            Occupant o = seats.at(i);
            if (o != null) {
                entries.add(new ServerMessage.RosterEntry(o.player.seat(), o.player.playerId(), o.player.name(),
                        o.liveness.wire()));
            }
        }
        encodeToAll(seats, new ServerMessage.Roster(entries));
    }

    /** A chat line of the player in {@code seat}, to every connected seat (the sender's own included). */
    void chat(Seats seats, int seat, String text) {
        encodeToAll(seats, new ServerMessage.ChatRelay(seat, text));
    }

    /** The results of the match that just ended, to every connected seat. */
    void matchEnd(Seats seats, long durationMs, List<PlayerResult> results) {
        List<ServerMessage.Result> wire = new ArrayList<>(results.size());
        for (PlayerResult r : results) {
            wire.add(new ServerMessage.Result(r.seat(), r.score(), r.placement()));
        }
        encodeToAll(seats, new ServerMessage.MatchEnd(durationMs, wire));
    }

    /** Where the match is, to every connected seat but those welcomed this tick (their WELCOME carried it). */
    void status(Seats seats, ServerMessage.MatchStatus status) {
        frame.reset();
        ServerCodec.encode(status, frame);
        for (int i = 0; i < seats.capacity(); i++) {
            Occupant o = seats.at(i);
            if (o != null && o.welcomedTick != shared.tick()) {
                sendIfConnected(o, frame);
            }
        }
    }

    @Override
    public void toAll(int type, byte[] payload) {
        events.add(new PendingEvent(-1, checkEventType(type), checkPayload(payload)));
    }

    @Override
    public void toSeat(int seat, int type, byte[] payload) {
        if (seat < 0 || seat >= capacity) {
            throw new IllegalArgumentException("no seat " + seat + " in a room of " + capacity);
        }
        events.add(new PendingEvent(seat, checkEventType(type), checkPayload(payload)));
    }

    /** This tick's game events, in the order the match sent them, to their seats; never skipped for a slow one. */
    void events(Seats seats) {
        for (int e = 0; e < events.size(); e++) {
            PendingEvent event = events.get(e);
            frame.reset();
            ServerCodec.encode(new ServerMessage.GameEvent(shared.tick(), event.type(), event.payload()), frame);
            if (event.seat() < 0) {
                for (int i = 0; i < seats.capacity(); i++) {
                    sendIfConnected(seats.at(i), frame);
                }
            } else {
                sendIfConnected(seats.at(event.seat()), frame);
            }
        }
        events.clear();
    }

    /** Hands each connection that got frames this tick its batch: one write per connection per tick. */
    void flush() {
        for (int i = 0; i < toFlush.size(); i++) {
            toFlush.get(i).flush();
        }
        toFlush.clear();
    }

    /** Bytes queued since the last call. */
    long takeBytesSent() {
        long bytes = bytesSent;
        bytesSent = 0;
        return bytes;
    }

    private TickEncoder viewOf(int seat) {
        return ownsSecret(seat) ? ownViews[seat] : shared;
    }

    private boolean ownsSecret(int seat) {
        return (owners[seat >> 6] & (1L << (seat & 63))) != 0;
    }

    private void encodeToAll(Seats seats, ServerMessage message) {
        frame.reset();
        ServerCodec.encode(message, frame);
        for (int i = 0; i < seats.capacity(); i++) {
            sendIfConnected(seats.at(i), frame);
        }
    }

    private void sendIfConnected(Occupant o, FrameWriter encoded) {
        // Nothing reaches a connection before its WELCOME (a chat line relayed in the tick it joined, say).
        if (o == null || !o.isReachable() || o.awaitingWelcome) {
            return;
        }
        try {
            send(o.channel, encoded);
        } catch (RuntimeException e) {
            failed(o, e);
        }
    }

    private void send(PlayerChannel channel, FrameWriter encoded) {
        bytesSent += encoded.size();
        channel.send(encoded.asByteBuffer());
        queued(channel);
    }

    private void queued(PlayerChannel channel) {
        if (!toFlush.contains(channel)) {
            toFlush.add(channel);
        }
    }

    /** One connection failed to take its frames: it is closed alone, and its player drops as for any lost socket. */
    private void failed(Occupant o, RuntimeException e) {
        o.failed = o.channel;
        LOG.log(Level.WARNING, () -> "Room " + roomId + ": frames for seat " + o.player.seat()
                + " could not be sent, its connection is closed: " + e);
        try {
            o.channel.close(CloseCodes.INTERNAL_ERROR, "internal error");
        } catch (RuntimeException ignored) {
            // The connection is broken either way; the transport reports it gone.
        }
    }

    private static int checkEventType(int type) {
        if (type < 0 || type > 0xff) {
            throw new IllegalArgumentException("event type " + type + " not in 0..255");
        }
        return type;
    }

    private static byte[] checkPayload(byte[] payload) {
        if (payload.length > Limits.MAX_EVENT_PAYLOAD) {
            throw new IllegalArgumentException("event payload of " + payload.length + " bytes, over "
                    + Limits.MAX_EVENT_PAYLOAD);
        }
        return payload.clone();
    }
}
