package dev.quarkade.testing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.quarkade.protocol.ProtocolException;
import dev.quarkade.protocol.ServerCodec;
import dev.quarkade.protocol.ServerMessage;
import dev.quarkade.room.PlayerChannel;
import dev.quarkade.room.RoomCommand;
import dev.quarkade.sync.ClientSync;
import dev.quarkade.sync.WorldState;

/**
 * One player of a {@link TestRoom}: a connection that decodes every frame its seat receives, as a client would, and
 * keeps what it learnt: its WELCOME, its view of the world (deltas applied, checksums checked), the game events, the
 * roster, the match status and how the connection was closed. A failed checksum fails the test at once: the server
 * must never send a state a client cannot reproduce.
 */
public final class TestClient implements PlayerChannel {

    private final TestRoom room;
    private final UUID playerId;
    private final String name;
    private final List<ServerMessage> received = new ArrayList<>();
    private final List<ServerMessage.GameEvent> events = new ArrayList<>();
    private ServerMessage.Welcome welcome;
    private ServerMessage.Roster roster;
    private ServerMessage.MatchStatus status;
    private ClientSync sync;
    private long lastInputSeq;
    private long seq;
    private boolean writable = true;
    private Integer closeCode;
    private String closeReason;

    TestClient(TestRoom room, UUID playerId, String name) {
        this.room = room;
        this.playerId = playerId;
        this.name = name;
    }

    public UUID playerId() {
        return playerId;
    }

    public String name() {
        return name;
    }

    /** This player's seat, from WELCOME. */
    public int seat() {
        return welcome().seat();
    }

    /** The WELCOME this connection got; fails when none came yet (tick the room first). */
    public ServerMessage.Welcome welcome() {
        if (welcome == null) {
            throw new IllegalStateException(name + " has no WELCOME yet" + (closeCode == null ? ""
                    : ": closed with " + closeCode + " " + closeReason));
        }
        return welcome;
    }

    /** The WELCOME this connection got, or null before it came. */
    public ServerMessage.Welcome welcomeOrNull() {
        return welcome;
    }

    /** This player's view of the world, as of the newest state received. */
    public WorldState world() {
        welcome();
        return sync.current();
    }

    /** The tick of the newest state received. */
    public long tick() {
        return sync == null ? 0 : sync.ackTick();
    }

    /** The newest {@code lastInputSeq} a STATE reported: how far the server applied this player's inputs. */
    public long lastInputSeq() {
        return lastInputSeq;
    }

    /** The game events received, in order. */
    public List<ServerMessage.GameEvent> events() {
        return events;
    }

    /** Every frame received, decoded, in order. */
    public List<ServerMessage> received() {
        return received;
    }

    public ServerMessage.Roster roster() {
        return roster;
    }

    /** The newest MATCH_STATUS received. */
    public ServerMessage.MatchStatus status() {
        return status;
    }

    /** The close code the room closed this connection with; null while open. */
    public Integer closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    /** Sends one INPUT with the next seq, acknowledging the newest state. */
    public TestClient input(byte[] payload) {
        room.submit(new RoomCommand.Input(this, ++seq, tick(), payload.clone()));
        return this;
    }

    public TestClient chat(String text) {
        room.submit(new RoomCommand.Chat(this, text));
        return this;
    }

    /** Leaves for good (LEAVE). */
    public void leave() {
        room.submit(new RoomCommand.Leave(this));
    }

    /** The connection is lost: the seat is kept for the reconnect grace. */
    public void drop() {
        room.submit(new RoomCommand.Disconnected(this));
    }

    /** Connects again, as the same player, on a new connection: resumes the seat within the grace. */
    public TestClient reconnect() {
        return room.reconnect(this);
    }

    /** A slow connection: while not writable the room skips its states (events still come). */
    public void writable(boolean writable) {
        this.writable = writable;
    }

    @Override
    public boolean isWritable() {
        return writable && closeCode == null;
    }

    @Override
    public void send(ByteBuffer frame) {
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        receive(bytes);
    }

    @Override
    public void close(int code, String reason) {
        if (closeCode == null) {
            closeCode = code;
            closeReason = reason;
            // What the transport does when a connection it carried closes.
            room.submit(new RoomCommand.Disconnected(this));
        }
    }

    @Override
    public int rttMillis() {
        return 0;
    }

    private void receive(byte[] frame) {
        ServerMessage message;
        try {
            message = ServerCodec.decode(frame);
        } catch (ProtocolException e) {
            throw new AssertionError(name + " received a malformed frame: " + e.getMessage(), e);
        }
        received.add(message);
        if (message instanceof ServerMessage.Welcome w) {
            welcome = w;
            sync = new ClientSync(w.historyTicks());
            apply(w.tick(), 0, w.checksum(), w.snapshot());
        } else if (welcome == null && !(message instanceof ServerMessage.Pong)) {
            throw new AssertionError(name + " received " + message.type() + " before WELCOME");
        } else if (message instanceof ServerMessage.State s) {
            apply(s.tick(), s.baselineTick(), s.checksum(), s.body());
            lastInputSeq = s.lastInputSeq();
        } else if (message instanceof ServerMessage.GameEvent e) {
            events.add(e);
        } else if (message instanceof ServerMessage.Roster r) {
            roster = r;
        } else if (message instanceof ServerMessage.MatchStatus st) {
            status = st;
        }
    }

    private void apply(long tick, long baseline, int checksum, byte[] body) {
        try {
            ClientSync.Outcome outcome = sync.accept(tick, baseline, checksum, body);
            if (outcome != ClientSync.Outcome.APPLIED && outcome != ClientSync.Outcome.STALE) {
                throw new AssertionError(name + ": state of tick " + tick + " " + outcome);
            }
        } catch (ProtocolException e) {
            throw new AssertionError(name + ": malformed state of tick " + tick + ": " + e.getMessage(), e);
        }
    }
}
