package dev.quarkade.testsupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.quarkade.protocol.ProtocolException;
import dev.quarkade.protocol.ServerCodec;
import dev.quarkade.protocol.ServerMessage;
import dev.quarkade.sync.Checksum;
import dev.quarkade.sync.StateCodec;
import dev.quarkade.sync.WorldState;

/**
 * What a protocol-following client knows, rebuilt from the frames it receives: the welcome, the states by tick (deltas
 * applied to the baseline they name), roster, chat and match ends. Checks every state's checksum.
 */
public final class ClientMirror {

    private final Map<Long, WorldState> statesByTick = new HashMap<>();
    private final List<ServerMessage> messages = new ArrayList<>();
    private ServerMessage.Welcome welcome;
    private ServerMessage.State lastState;
    private WorldState world;
    private long latestTick;
    private int checksumMismatches;

    /** Decodes and applies one frame from the server. */
    public synchronized void receive(byte[] frame) throws ProtocolException {
        ServerMessage message = ServerCodec.decode(frame);
        messages.add(message);
        if (message instanceof ServerMessage.Welcome w) {
            welcome = w;
            world = StateCodec.decodeFull(w.snapshot());
            keep(w.tick(), world, w.checksum());
        } else if (message instanceof ServerMessage.State s) {
            if (welcome == null) {
                throw new AssertionError("a STATE of tick " + s.tick() + " before any WELCOME (after "
                        + messages.size() + " frames)");
            }
            WorldState next;
            if (s.baselineTick() == 0) {
                next = StateCodec.decodeFull(s.body());
            } else {
                WorldState base = statesByTick.get(s.baselineTick());
                if (base == null) {
                    throw new AssertionError("delta from tick " + s.baselineTick() + " which this client never had");
                }
                next = StateCodec.applyDelta(base, s.body());
            }
            lastState = s;
            keep(s.tick(), next, s.checksum());
        }
    }

    private void keep(long tick, WorldState state, int checksum) {
        if (Checksum.of(state) != checksum) {
            checksumMismatches++;
        }
        statesByTick.put(tick, state);
        if (tick >= latestTick) {
            latestTick = tick;
            world = state;
        }
    }

    public synchronized ServerMessage.Welcome welcome() {
        return welcome;
    }

    public synchronized ServerMessage.State lastState() {
        return lastState;
    }

    /** The newest state this client has. */
    public synchronized WorldState world() {
        return world;
    }

    public synchronized long latestTick() {
        return latestTick;
    }

    public synchronized int checksumMismatches() {
        return checksumMismatches;
    }

    /** Every message received of one type, in order. */
    public synchronized <T extends ServerMessage> List<T> all(Class<T> type) {
        List<T> found = new ArrayList<>();
        for (ServerMessage m : messages) {
            if (type.isInstance(m)) {
                found.add(type.cast(m));
            }
        }
        return found;
    }

    /** The liveness the newest ROSTER shows for the seat of {@code name}; -1 before any ROSTER or without that seat. */
    public int livenessOf(String name) {
        List<ServerMessage.Roster> rosters = all(ServerMessage.Roster.class);
        if (rosters.isEmpty()) {
            return -1;
        }
        return rosters.get(rosters.size() - 1).seats().stream().filter(s -> s.name().equals(name))
                .mapToInt(ServerMessage.RosterEntry::liveness).findFirst().orElse(-1);
    }
}
