package dev.quarkade.protocol;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** A server-to-client message; u32 fields are held in a {@code long}. Layouts are in docs/protocol.md. */
public sealed interface ServerMessage {

    MessageType type();

    /**
     * First message on a connection: who the player is in this room, then a full state. {@code historyTicks} is how
     * many past ticks the server can use as a delta baseline, so how many received states a client should keep.
     */
    record Welcome(int version, int seat, int entityId, int tickRate, int capacity, int historyTicks, boolean resumed,
            long tick, long serverTimeMs, int checksum, byte[] snapshot) implements ServerMessage {
        public MessageType type() {
            return MessageType.WELCOME;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Welcome w && version == w.version && seat == w.seat && entityId == w.entityId
                    && tickRate == w.tickRate && capacity == w.capacity && historyTicks == w.historyTicks
                    && resumed == w.resumed && tick == w.tick && serverTimeMs == w.serverTimeMs
                    && checksum == w.checksum && Arrays.equals(snapshot, w.snapshot);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(tick) * 31 + seat * 17 + checksum;
        }

        @Override
        public String toString() {
            return "Welcome[seat=" + seat + ", entityId=" + entityId + ", tick=" + tick + ", resumed=" + resumed
                    + ", snapshot=" + HexFormat.of().formatHex(snapshot) + "]";
        }
    }

    /**
     * One tick of state for one player. Everything before {@code body} is per player; the body (a full snapshot when
     * {@code baselineTick} is 0, else a delta from that tick) is shared by every player with the same baseline.
     */
    record State(long tick, long serverTimeMs, long baselineTick, long lastInputSeq, int rttMs, int checksum,
            byte[] body) implements ServerMessage {
        public MessageType type() {
            return MessageType.STATE;
        }

        public boolean full() {
            return baselineTick == 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && tick == s.tick && serverTimeMs == s.serverTimeMs
                    && baselineTick == s.baselineTick && lastInputSeq == s.lastInputSeq && rttMs == s.rttMs
                    && checksum == s.checksum && Arrays.equals(body, s.body);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(tick) * 31 + Long.hashCode(baselineTick) * 17 + checksum;
        }

        @Override
        public String toString() {
            return "State[tick=" + tick + ", baselineTick=" + baselineTick + ", lastInputSeq=" + lastInputSeq
                    + ", checksum=" + Integer.toHexString(checksum) + ", body=" + HexFormat.of().formatHex(body) + "]";
        }
    }

    /** Answer to PING: the client's nonce and the server's clock. */
    record Pong(long nonce, long serverTimeMs) implements ServerMessage {
        public MessageType type() {
            return MessageType.PONG;
        }
    }

    /** A chat line from the player in {@code seat}; names come from ROSTER. */
    record ChatRelay(int seat, String text) implements ServerMessage {
        public MessageType type() {
            return MessageType.CHAT_RELAY;
        }
    }

    /** Who sits where, sent on every join, leave or liveness change. */
    record Roster(List<RosterEntry> seats) implements ServerMessage {
        public Roster {
            seats = List.copyOf(seats);
        }

        public MessageType type() {
            return MessageType.ROSTER;
        }
    }

    /** One occupied seat in ROSTER; liveness is one of the {@code CONNECTED/SUSPECT/DROPPED} constants. */
    record RosterEntry(int seat, UUID playerId, String name, int liveness) {
        public static final int CONNECTED = 0;
        public static final int SUSPECT = 1;
        public static final int DROPPED = 2;
    }

    /** The match is over: final results, best placement first. */
    record MatchEnd(long durationMs, List<Result> results) implements ServerMessage {
        public MatchEnd {
            results = List.copyOf(results);
        }

        public MessageType type() {
            return MessageType.MATCH_END;
        }
    }

    /** One player's result in MATCH_END; placement starts at 1, ties share a placement. */
    record Result(int seat, int score, int placement) {
    }

    /** The refreshed token was accepted; the connection now lives until {@code expiresAtMs}. */
    record TokenAccepted(long expiresAtMs) implements ServerMessage {
        public MessageType type() {
            return MessageType.TOKEN_ACCEPTED;
        }
    }
}
