package dev.quarkade.protocol;

import static dev.quarkade.protocol.ClientCodec.check;
import static dev.quarkade.protocol.ClientCodec.checkU32;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.quarkade.protocol.ServerMessage.ChatRelay;
import dev.quarkade.protocol.ServerMessage.GameEvent;
import dev.quarkade.protocol.ServerMessage.MatchEnd;
import dev.quarkade.protocol.ServerMessage.MatchStatus;
import dev.quarkade.protocol.ServerMessage.Pong;
import dev.quarkade.protocol.ServerMessage.Result;
import dev.quarkade.protocol.ServerMessage.Roster;
import dev.quarkade.protocol.ServerMessage.RosterEntry;
import dev.quarkade.protocol.ServerMessage.State;
import dev.quarkade.protocol.ServerMessage.TokenAccepted;
import dev.quarkade.protocol.ServerMessage.Welcome;

/** Encodes and decodes server-to-client frames; the server encodes, clients and the load generator decode. */
public final class ServerCodec {

    /** Bytes before the body of a STATE frame. */
    public static final int STATE_HEADER_BYTES = 27;

    private ServerCodec() {
    }

    public static ServerMessage decode(ByteBuffer frame) throws ProtocolException {
        return decode(FrameReader.of(frame));
    }

    public static ServerMessage decode(byte[] frame) throws ProtocolException {
        return decode(new FrameReader(frame));
    }

    private static ServerMessage decode(FrameReader r) throws ProtocolException {
        if (r.remaining() > Limits.MAX_SERVER_FRAME) {
            throw new ProtocolException(CloseCodes.MESSAGE_TOO_BIG, "frame over " + Limits.MAX_SERVER_FRAME + " bytes");
        }
        if (r.remaining() == 0) {
            throw ProtocolException.malformed("empty frame");
        }
        int code = r.u8();
        MessageType type = MessageType.of(code);
        if (type == null || type.fromClient()) {
            throw ProtocolException.malformed("unknown server message type 0x" + Integer.toHexString(code));
        }
        ServerMessage m = switch (type) {
            case WELCOME -> welcome(r);
            case STATE -> state(r);
            case PONG -> new Pong(r.u32(), r.u64());
            case CHAT_RELAY -> new ChatRelay(r.u8(), ClientCodec.text(r, Limits.MAX_CHAT_BYTES, "chat"));
            case ROSTER -> roster(r);
            case MATCH_END -> matchEnd(r);
            case TOKEN_ACCEPTED -> new TokenAccepted(r.u64());
            case GAME_EVENT -> gameEvent(r);
            case MATCH_STATUS -> matchStatus(r);
            default -> throw new IllegalStateException("client type in server table: " + type);
        };
        r.expectEnd();
        return m;
    }

    private static Welcome welcome(FrameReader r) throws ProtocolException {
        int version = r.u8();
        int seat = r.u8();
        int entityId = r.u16();
        int tickRate = r.u8();
        int capacity = r.u8();
        int history = r.u8();
        int flags = r.u8();
        if (tickRate == 0 || capacity == 0 || seat >= capacity || history == 0 || (flags & ~1) != 0) {
            throw ProtocolException.malformed("welcome field out of range");
        }
        long tick = r.u32();
        long time = r.u64();
        int checksum = r.i32();
        long grace = r.u32();
        long silence = r.u32();
        String gameId = r.shortString(32);
        byte[] settings = r.bytes(r.u16());
        if (settings.length > Limits.MAX_GAME_SETTINGS) {
            throw ProtocolException.malformed("game settings over " + Limits.MAX_GAME_SETTINGS + " bytes");
        }
        return new Welcome(version, seat, entityId, tickRate, capacity, history, flags == 1, tick, time, checksum,
                grace, silence, gameId, settings, body(r));
    }

    private static GameEvent gameEvent(FrameReader r) throws ProtocolException {
        long tick = r.u32();
        int type = r.u8();
        return new GameEvent(tick, type, r.rest(Limits.MAX_EVENT_PAYLOAD, "game event"));
    }

    private static MatchStatus matchStatus(FrameReader r) throws ProtocolException {
        int phase = r.u8();
        int minPlayers = r.u8();
        long endsAt = r.u64();
        if (phase > MatchStatus.INTERMISSION || minPlayers == 0) {
            throw ProtocolException.malformed("match status out of range");
        }
        return new MatchStatus(phase, minPlayers, endsAt);
    }

    private static State state(FrameReader r) throws ProtocolException {
        long tick = r.u32();
        long time = r.u64();
        long baseline = r.u32();
        long seq = r.u32();
        int rtt = r.u16();
        int checksum = r.i32();
        if (tick == 0 || baseline >= tick) {
            throw ProtocolException.malformed("baseline tick " + baseline + " not before tick " + tick);
        }
        return new State(tick, time, baseline, seq, rtt, checksum, body(r));
    }

    private static byte[] body(FrameReader r) throws ProtocolException {
        if (r.remaining() == 0) {
            throw ProtocolException.malformed("missing state body");
        }
        return r.rest();
    }

    private static Roster roster(FrameReader r) throws ProtocolException {
        int n = r.u8();
        List<RosterEntry> seats = new ArrayList<>(n);
        int previous = -1;
        for (int i = 0; i < n; i++) {
            int seat = r.u8();
            UUID id = new UUID(r.u64(), r.u64());
            String name = r.shortString(Limits.MAX_NAME_BYTES);
            int liveness = r.u8();
            if (seat <= previous || liveness > RosterEntry.DROPPED) {
                throw ProtocolException.malformed("roster seat out of order or liveness out of range");
            }
            previous = seat;
            seats.add(new RosterEntry(seat, id, name, liveness));
        }
        return new Roster(seats);
    }

    private static MatchEnd matchEnd(FrameReader r) throws ProtocolException {
        long duration = r.u32();
        int n = r.u8();
        List<Result> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Result result = new Result(r.u8(), r.i32(), r.u8());
            if (result.placement() == 0) {
                throw ProtocolException.malformed("placement starts at 1");
            }
            results.add(result);
        }
        return new MatchEnd(duration, results);
    }

    /**
     * Appends a STATE frame whose body was encoded once for all players with this baseline: only the 27-byte header
     * is written per player, the body is copied as is.
     */
    public static FrameWriter encodeState(FrameWriter w, long tick, long serverTimeMs, long baselineTick,
            long lastInputSeq, int rttMs, int checksum, byte[] body, int off, int len) {
        encodeStateHeader(w, tick, serverTimeMs, baselineTick, lastInputSeq, rttMs, checksum, len);
        return w.bytes(body, off, len);
    }

    /**
     * Appends only the {@value #STATE_HEADER_BYTES}-byte header of a STATE frame whose body of {@code bodyLength}
     * bytes follows it on the wire: the broadcast writes each player's header and hands the shared body alongside,
     * so header followed by body is byte for byte what {@link #encodeState} writes.
     */
    public static FrameWriter encodeStateHeader(FrameWriter w, long tick, long serverTimeMs, long baselineTick,
            long lastInputSeq, int rttMs, int checksum, int bodyLength) {
        checkU32(tick, "tick");
        checkU32(baselineTick, "baselineTick");
        checkU32(lastInputSeq, "lastInputSeq");
        check(tick > 0 && baselineTick < tick, "baseline must be before tick");
        check(bodyLength > 0, "empty body");
        // RTT over 65.535 s is saturated: it only feeds display and latency statistics.
        return w.u8(MessageType.STATE.code()).u32(tick).u64(serverTimeMs).u32(baselineTick).u32(lastInputSeq)
                .u16(Math.min(Math.max(rttMs, 0), 0xffff)).i32(checksum);
    }

    public static byte[] encode(ServerMessage m) {
        return encode(m, new FrameWriter()).toByteArray();
    }

    /** Appends the frame for {@code m} to {@code w}; throws IllegalArgumentException for values the wire cannot carry. */
    public static FrameWriter encode(ServerMessage m, FrameWriter w) {
        if (m instanceof State s) {
            return encodeState(w, s.tick(), s.serverTimeMs(), s.baselineTick(), s.lastInputSeq(), s.rttMs(),
                    s.checksum(), s.body(), 0, s.body().length);
        }
        w.u8(m.type().code());
        if (m instanceof Welcome x) {
            check(x.seat() < x.capacity() && x.tickRate() > 0 && x.historyTicks() > 0, "welcome out of range");
            checkU32(x.tick(), "tick");
            check(x.snapshot().length > 0, "empty snapshot");
            check(x.settings().length <= Limits.MAX_GAME_SETTINGS, "game settings too long");
            checkU32(x.reconnectGraceMs(), "reconnectGraceMs");
            checkU32(x.silenceTimeoutMs(), "silenceTimeoutMs");
            w.u8(x.version()).u8(x.seat()).u16(x.entityId()).u8(x.tickRate()).u8(x.capacity()).u8(x.historyTicks())
                    .u8(x.resumed() ? 1 : 0).u32(x.tick()).u64(x.serverTimeMs()).i32(x.checksum())
                    .u32(x.reconnectGraceMs()).u32(x.silenceTimeoutMs()).shortString(x.gameId())
                    .u16(x.settings().length).bytes(x.settings()).bytes(x.snapshot());
        } else if (m instanceof Pong p) {
            checkU32(p.nonce(), "nonce");
            w.u32(p.nonce()).u64(p.serverTimeMs());
        } else if (m instanceof ChatRelay c) {
            w.u8(c.seat());
            ClientCodec.utf8(w, c.text(), Limits.MAX_CHAT_BYTES);
        } else if (m instanceof Roster ro) {
            check(ro.seats().size() <= 255, "too many seats");
            w.u8(ro.seats().size());
            for (RosterEntry s : ro.seats()) {
                w.u8(s.seat()).u64(s.playerId().getMostSignificantBits()).u64(s.playerId().getLeastSignificantBits());
                check(s.name().getBytes(StandardCharsets.UTF_8).length <= Limits.MAX_NAME_BYTES,
                        "name too long");
                w.shortString(s.name()).u8(s.liveness());
            }
        } else if (m instanceof MatchEnd e) {
            checkU32(e.durationMs(), "durationMs");
            check(e.results().size() <= 255, "too many results");
            w.u32(e.durationMs()).u8(e.results().size());
            for (Result res : e.results()) {
                w.u8(res.seat()).i32(res.score()).u8(res.placement());
            }
        } else if (m instanceof TokenAccepted t) {
            w.u64(t.expiresAtMs());
        } else if (m instanceof GameEvent e) {
            checkU32(e.tick(), "tick");
            check(e.eventType() >= 0 && e.eventType() <= 0xff && e.payload().length <= Limits.MAX_EVENT_PAYLOAD,
                    "game event out of range");
            w.u32(e.tick()).u8(e.eventType()).bytes(e.payload());
        } else if (m instanceof MatchStatus st) {
            check(st.phase() >= 0 && st.phase() <= MatchStatus.INTERMISSION && st.minPlayers() > 0
                    && st.minPlayers() <= 0xff, "match status out of range");
            w.u8(st.phase()).u8(st.minPlayers()).u64(st.phaseEndsAtMs());
        }
        return w;
    }
}
