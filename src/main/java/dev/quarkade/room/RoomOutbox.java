package dev.quarkade.room;

import java.util.ArrayList;
import java.util.List;

import dev.quarkade.game.PlayerResult;
import dev.quarkade.protocol.FrameWriter;
import dev.quarkade.protocol.Limits;
import dev.quarkade.protocol.ServerCodec;
import dev.quarkade.protocol.ServerMessage;
import dev.quarkade.sync.StateHistory;
import dev.quarkade.sync.TickEncoder;
import dev.quarkade.sync.WorldState;

/**
 * Every frame a room sends goes out here: WELCOME, each seat's STATE, ROSTER, CHAT_RELAY and MATCH_END. It keeps the
 * sync history and encodes each tick's bodies once ({@link TickEncoder}); frames queued on a connection during a tick
 * are handed to it in one {@link PlayerChannel#flush()} at the end of the tick. Tick thread only.
 */
final class RoomOutbox {

    private final RoomSettings settings;
    private final StateHistory history = new StateHistory();
    private final TickEncoder encoder = new TickEncoder(history);
    private final FrameWriter frame = new FrameWriter(1024);
    /** Each player's STATE header, written here per player; the body beside it is shared. */
    private final FrameWriter stateHeader = new FrameWriter(ServerCodec.STATE_HEADER_BYTES);
    /** Connections sent something this tick, flushed once at its end. */
    private final List<PlayerChannel> toFlush = new ArrayList<>();
    private long bytesSent;

    RoomOutbox(RoomSettings settings) {
        this.settings = settings;
    }

    /** Records the world as of {@code tick}: what this tick's states, and welcomes until the next one, show. */
    void record(long tick, WorldState world) {
        encoder.begin(tick, world);
    }

    /**
     * Welcomes {@code o} on their new connection with the world as of the last recorded tick, which the client keeps
     * as that tick's state (and as its first acknowledged baseline).
     */
    void welcome(Occupant o, int capacity, boolean resumed, long nowMs) {
        frame.reset();
        ServerCodec.encode(new ServerMessage.Welcome(Limits.PROTOCOL_VERSION, o.player.seat(), o.player.entityId(),
                settings.tickRate(), capacity, history.capacity(), resumed, encoder.tick(), nowMs, encoder.checksum(),
                encoder.body(0)), frame);
        send(o.channel, frame);
        o.ackTick = encoder.tick();
        o.needsFullState = false;
    }

    /**
     * Sends this tick's state to every connected seat: a delta from the seat's acknowledged baseline (or the full
     * state), each body encoded once and shared. A seat whose connection is not writable is skipped: its next state,
     * a delta from the same acknowledged baseline, carries everything it missed.
     */
    void states(Seats seats, long nowMs) {
        for (int i = 0; i < seats.capacity(); i++) {
            Occupant o = seats.at(i);
            if (o == null || !o.isConnected() || !o.channel.isWritable()) {
                continue;
            }
            long baseline = o.needsFullState ? 0 : encoder.baselineFor(o.ackTick);
            byte[] body = encoder.body(baseline);
            // Only the 27-byte header is the player's own; the channel copies header and shared body straight into
            // its tick's socket buffer, with no array per player.
            stateHeader.reset();
            ServerCodec.encodeStateHeader(stateHeader, encoder.tick(), nowMs, baseline, o.lastInputSeq,
                    o.channel.rttMillis(), encoder.checksum(), body.length);
            bytesSent += stateHeader.size() + body.length;
            o.channel.sendState(stateHeader.array(), stateHeader.size(), body);
            queued(o.channel);
            o.needsFullState = false;
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

    /** The tick of the last recorded world. */
    long tick() {
        return encoder.tick();
    }

    private void encodeToAll(Seats seats, ServerMessage message) {
        frame.reset();
        ServerCodec.encode(message, frame);
        for (int i = 0; i < seats.capacity(); i++) {
            Occupant o = seats.at(i);
            if (o != null && o.isConnected()) {
                send(o.channel, frame);
            }
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
}
