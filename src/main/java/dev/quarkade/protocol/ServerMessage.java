package dev.quarkade.protocol;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** A server-to-client message; u32 fields are held in a {@code long}. Layouts are in docs/protocol.md. */
public sealed interface ServerMessage {

    MessageType type();

    /**
     * First message on a connection: who the player is in this room, the room's and the game's settings, then a full
     * state of the player's view at {@code tick}. {@code historyTicks} is how many past ticks the server can use as a
     * delta baseline, so how many received states a client should keep; {@code reconnectGraceMs} how long a dropped
     * player keeps the seat; {@code silenceTimeoutMs} how long the server waits for a Pong before it drops a
     * connection (so how long a client may wait for a frame before it takes the connection for dead);
     * {@code settings} the game's own ({@code gameId} names it).
     */
    record Welcome(int version, int seat, int entityId, int tickRate, int capacity, int historyTicks, boolean resumed,
            long tick, long serverTimeMs, int checksum, long reconnectGraceMs, long silenceTimeoutMs, String gameId,
            byte[] settings, byte[] snapshot) implements ServerMessage {
        public MessageType type() {
            return MessageType.WELCOME;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Welcome w && version == w.version && seat == w.seat && entityId == w.entityId
                    && tickRate == w.tickRate && capacity == w.capacity && historyTicks == w.historyTicks
                    && resumed == w.resumed && tick == w.tick && serverTimeMs == w.serverTimeMs
                    && checksum == w.checksum && reconnectGraceMs == w.reconnectGraceMs
                    && silenceTimeoutMs == w.silenceTimeoutMs && gameId.equals(w.gameId)
                    && Arrays.equals(settings, w.settings) && Arrays.equals(snapshot, w.snapshot);
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

    /**
     * A game's own message ({@code eventType} and {@code payload} are the game's), sent after the state of {@code tick},
     * the tick it was sent in.
     */
    record GameEvent(long tick, int eventType, byte[] payload) implements ServerMessage {
        public MessageType type() {
            return MessageType.GAME_EVENT;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GameEvent e && tick == e.tick && eventType == e.eventType
                    && Arrays.equals(payload, e.payload);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(tick) * 31 + eventType * 17 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "GameEvent[tick=" + tick + ", eventType=" + eventType + ", payload=" + HexFormat.of().formatHex(payload)
                    + "]";
        }
    }

    /**
     * Where the room's match is: {@code phase} one of the {@code WAITING..INTERMISSION} constants, the game's minimum
     * players to begin, and when the phase ends (the countdown, or the next match) on the server's clock, 0 for none.
     */
    record MatchStatus(int phase, int minPlayers, long phaseEndsAtMs) implements ServerMessage {

        public static final int WAITING = 0;
        public static final int STARTING = 1;
        public static final int PLAYING = 2;
        public static final int INTERMISSION = 3;

        public MessageType type() {
            return MessageType.MATCH_STATUS;
        }
    }

    /** The refreshed token was accepted; the connection now lives until {@code expiresAtMs}. */
    record TokenAccepted(long expiresAtMs) implements ServerMessage {
        public MessageType type() {
            return MessageType.TOKEN_ACCEPTED;
        }
    }
}
