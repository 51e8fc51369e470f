package dev.quarkade.room;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

import dev.quarkade.game.Game;
import dev.quarkade.game.GameRules;
import dev.quarkade.game.PlayerResult;
import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.protocol.ServerMessage;

/**
 * One room: its seats, its inbox and its authoritative world. {@link #submit} and {@link #hold} may be called from any
 * thread; {@link #tick} is called by one thread at a time (the room's event loop), at the room's tick rate, and does
 * everything else: it applies the queued commands, steps the match and sends each seat its state. The jobs are
 * each in a class of their own: {@link Seats}, {@link RoomInbox}, {@link MatchCycle}, {@link RoomOutbox} (every frame
 * the room sends) and {@link RoomMonitor} (what other threads may read).
 */
public final class Room {

    private final String id;
    private final Game game;
    private final RoomSettings settings;
    private final RoomListener listener;
    private final Seats seats;
    private final RoomInbox inbox;
    private final MatchCycle cycle;
    private final RoomOutbox outbox;
    private final RoomMonitor monitor;
    private final Commands commands = new Commands();
    /** The game's tick rate, or the server's when the game leaves it. */
    private final int tickRate;

    private long tick;
    private boolean closed;
    private long emptySinceMs = -1;
    private boolean rosterChanged;
    /** The time of the tick running now, for the commands it applies. */
    private long nowMs;

    public Room(String id, Game game, int capacity, RoomSettings settings, RoomListener listener,
            RandomGenerator random, long nowMs) {
        this(id, game, capacity, settings, listener, random);
        cycle.start(nowMs, List.of());
        outbox.record(++tick, cycle.world()); // tick 1 is the initial world, so a welcome always has a tick to show
        monitor.publishSummary(0, 0, status());
        monitor.publishReport(status(), tick, seats, nowMs);
    }

    private Room(String id, Game game, int capacity, RoomSettings settings, RoomListener listener,
            RandomGenerator random) {
        this.id = id;
        this.game = game;
        this.settings = settings;
        this.listener = listener;
        GameRules rules = game.rules();
        this.tickRate = rules.tickRate() > 0 ? rules.tickRate() : settings.tickRate();
        long intermissionMs = (rules.intermission() != null ? rules.intermission() : settings.intermission())
                .toMillis();
        this.seats = new Seats(capacity, game);
        this.inbox = new RoomInbox(capacity * settings.inboxPerSeat());
        this.outbox = new RoomOutbox(id, game, capacity, tickRate, settings);
        this.cycle = new MatchCycle(id, game, capacity, tickRate, intermissionMs, random, outbox);
        this.monitor = new RoomMonitor(id, game.id(), capacity, tickRate);
    }

    /**
     * Recreates a room from what {@link #save()} gave, with the current rules of {@code game}: same id, tick, world
     * and seats. Every seated player starts DROPPED, as if their connection had just gone, so connecting again within
     * {@code quarkade.reconnect.grace} resumes their seat. Used across a dev-mode hot reload and to bring back a
     * durable room after its node stopped.
     *
     * @throws IllegalArgumentException if the saved room does not fit the game (another game, capacity or world
     *         shape)
     */
    public static Room restore(SavedRoom saved, Game game, RoomSettings settings, RoomListener listener,
            RandomGenerator random, long nowMs) {
        if (!game.id().equals(saved.gameId()) || saved.capacity() < 1 || saved.capacity() > game.rules().maxCapacity()) {
            throw new IllegalArgumentException("saved room " + saved.id() + " does not fit " + game.id());
        }
        Room room = new Room(saved.id(), game, saved.capacity(), settings, listener, random);
        room.cycle.restore(saved.world(), saved.status(),
                saved.matchStartedAtMs() == SavedRoom.UNKNOWN_START ? nowMs : saved.matchStartedAtMs(), nowMs);
        room.tick = saved.tick();
        for (SavedRoom.SavedSeat seat : saved.seats()) {
            room.seats.restore(seat, settings.chatPerMinute(), nowMs);
        }
        room.outbox.record(room.tick, room.cycle.world());
        room.rosterChanged = true;
        room.monitor.publishSummary(room.seats.occupied(), room.seats.taken(nowMs), room.status());
        room.monitor.publishReport(room.status(), room.tick, room.seats, nowMs);
        return room;
    }

    /** This room as it is now, to {@link #restore} later. Tick thread only (or once the room no longer ticks). */
    public SavedRoom save() {
        List<SavedRoom.SavedSeat> taken = new ArrayList<>();
        for (int i = 0; i < seats.capacity(); i++) {
            Occupant o = seats.at(i);
            if (o != null) {
                taken.add(new SavedRoom.SavedSeat(o.player, o.lastInputSeq));
            }
        }
        return new SavedRoom(id, game.id(), seats.capacity(), tick, status(), List.copyOf(taken),
                cycle.world().copy(), cycle.startedAtMs());
    }

    public String id() {
        return id;
    }

    public Game game() {
        return game;
    }

    public int capacity() {
        return seats.capacity();
    }

    /** Ticks per second of this room: its game's, or the server's when the game leaves it. */
    public int tickRate() {
        return tickRate;
    }

    /** The number of the last tick run. Tick thread only (or once the room no longer ticks). */
    public long currentTick() {
        return tick;
    }

    /** The latest view of this room for listings; safe from any thread. */
    public RoomSummary summary() {
        return monitor.summary();
    }

    /** The latest operator's view of this room (seats, liveness, RTT, tick time, bandwidth); safe from any thread. */
    public RoomReport report() {
        return monitor.report();
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Holds a seat for the player for {@code quarkade.room.seat-hold}, or confirms the one they have. False when the
     * room is full or closed: the caller answers 409.
     */
    public boolean hold(UUID playerId, long nowMs) {
        return !closed && seats.hold(playerId, nowMs, nowMs + settings.seatHold().toMillis());
    }

    /** Gives up the player's hold on a seat here, if they hold one and do not occupy it; safe from any thread. */
    public void releaseHold(UUID playerId) {
        seats.releaseHold(playerId);
    }

    /** Whether the player occupies a seat here (connected, or dropped within the grace); safe from any thread. */
    public boolean isSeated(UUID playerId) {
        return seats.isSeated(playerId);
    }

    /**
     * Queues a command for the next tick. A player message finding {@code capacity × inbox-per-seat} commands already
     * queued is refused (false): the caller closes that connection with 1008. Lifecycle commands are always queued.
     */
    public boolean submit(RoomCommand command) {
        return inbox.offer(command);
    }

    /** Commands waiting for the next tick; at most {@code capacity × inbox-per-seat} plus lifecycle commands. */
    public int queuedCommands() {
        return inbox.size();
    }

    /** Runs one tick at wall-clock time {@code nowMs}; false once the room has closed and must not tick again. */
    public boolean tick(long nowMs) {
        if (closed) {
            return false;
        }
        long started = System.nanoTime();
        boolean rosterSent;
        try {
            rosterSent = step(nowMs);
        } finally {
            outbox.flush(); // even after a failing game step: what was queued goes out, nothing stays held
        }
        long nanos = System.nanoTime() - started;
        long bytesSent = outbox.takeBytesSent();
        // The operator's report is refreshed every second, and at once when the roster changed.
        if (monitor.ticked(nowMs, nanos, bytesSent) || rosterSent) {
            monitor.publishReport(status(), tick, seats, nowMs);
        }
        listener.ticked(id, nanos, bytesSent);
        return !closed;
    }

    /** One tick's work, in order (the frames' order is {@link RoomOutbox}'s); true when it sent a ROSTER. */
    private boolean step(long nowMs) {
        this.nowMs = nowMs;
        inbox.drainTo(commands);
        applyInputs();
        cycle.advance(nowMs, seats);
        tick++;
        cycle.step(tick);
        List<PlayerResult> results = cycle.finishIfOver(nowMs, seats);
        expireDroppedSeats(nowMs);
        outbox.record(tick, cycle.world());
        ServerMessage.MatchStatus status = matchStatus();
        outbox.welcomes(seats, status, nowMs);
        boolean rosterSent = rosterChanged;
        if (rosterChanged) {
            outbox.roster(seats);
            rosterChanged = false;
        }
        outbox.states(seats, nowMs);
        outbox.events(seats);
        if (results != null) {
            endMatch(nowMs, results);
        }
        if (cycle.takeChanged()) {
            outbox.status(seats, status);
        }
        checkIdle(nowMs);
        monitor.publishSummary(seats.occupied(), seats.taken(nowMs), status());
        return rosterSent;
    }

    private ServerMessage.MatchStatus matchStatus() {
        int phase = switch (cycle.status()) {
            case STARTING -> ServerMessage.MatchStatus.STARTING;
            case PLAYING -> ServerMessage.MatchStatus.PLAYING;
            case INTERMISSION -> ServerMessage.MatchStatus.INTERMISSION;
            default -> ServerMessage.MatchStatus.WAITING;
        };
        return new ServerMessage.MatchStatus(phase, cycle.minPlayers(), cycle.phaseEndsAtMs());
    }

    /** Closes the room now: every connection gets {@code code} and the room stops ticking. Tick thread only. */
    public void close(int code, String reason) {
        for (int i = 0; i < seats.capacity(); i++) {
            Occupant o = seats.at(i);
            if (o != null && o.isConnected()) {
                o.channel.close(code, reason);
            }
        }
        closed = true;
        long now = System.currentTimeMillis();
        monitor.publishSummary(seats.occupied(), seats.taken(nowMs), status());
        monitor.publishReport(status(), tick, seats, now);
        listener.roomClosed(id);
    }

    /**
     * Removes a player from the room at once: their connection is closed with 1008 and {@code reason}, and their seat
     * is released (no reconnect grace). False when the player has no seat here. Tick thread only.
     */
    public boolean kick(UUID playerId, String reason) {
        Occupant o = seats.of(playerId);
        if (o == null) {
            return false;
        }
        if (o.isConnected()) {
            o.channel.close(CloseCodes.POLICY_VIOLATION, reason);
        }
        release(o);
        monitor.publishReport(status(), tick, seats, System.currentTimeMillis());
        return true;
    }

    private RoomStatus status() {
        return closed ? RoomStatus.CLOSED : cycle.status();
    }

    private void applyInputs() {
        for (int i = 0; i < seats.capacity(); i++) {
            Occupant o = seats.at(i);
            if (o == null) {
                continue;
            }
            for (int n = 0; n < settings.maxInputsPerTick() && !o.pendingInputs.isEmpty(); n++) {
                RoomCommand.Input input = o.pendingInputs.poll();
                if (input.seq() > o.lastInputSeq) {
                    cycle.input(o.player, input.payload());
                    o.lastInputSeq = input.seq();
                }
            }
        }
    }

    private void endMatch(long nowMs, List<PlayerResult> results) {
        long startedAtMs = cycle.startedAtMs();
        // Sent after this tick's states, which hold the final scores.
        outbox.matchEnd(seats, nowMs - startedAtMs, results);
        listener.matchEnded(id, game.id(), Instant.ofEpochMilli(startedAtMs), Instant.ofEpochMilli(nowMs), results);
    }

    private void expireDroppedSeats(long nowMs) {
        long graceMs = settings.reconnectGrace().toMillis();
        for (int i = 0; i < seats.capacity(); i++) {
            Occupant o = seats.at(i);
            if (o != null && o.liveness == Liveness.DROPPED && nowMs - o.droppedAtMs >= graceMs) {
                release(o);
            }
        }
    }

    private void release(Occupant o) {
        seats.release(o);
        cycle.left(o.player);
        rosterChanged = true;
    }

    private void checkIdle(long nowMs) {
        if (seats.taken(nowMs) > 0) {
            emptySinceMs = -1;
            return;
        }
        if (emptySinceMs < 0) {
            emptySinceMs = nowMs;
        } else if (nowMs - emptySinceMs >= settings.idleTimeout().toMillis()) {
            close(CloseCodes.ROOM_CLOSED, "room disposed");
        }
    }

    /** What each command does to this room, at the start of a tick. */
    private final class Commands implements RoomCommand.Handler {

        @Override
        public void join(RoomCommand.Join join) {
            Occupant o = seats.of(join.playerId());
            boolean resumed = o != null;
            if (o == null) {
                o = seats.seat(join.playerId(), join.name(), settings.chatPerMinute(), nowMs);
                if (o == null) {
                    // The hold ran out before the connection opened and someone else took the seat.
                    join.channel().close(CloseCodes.SEAT_EXPIRED, "room full");
                    return;
                }
                cycle.joined(o.player);
            } else if (o.isConnected()) {
                o.channel.close(CloseCodes.REPLACED, "replaced");
            }
            Liveness before = o.liveness;
            o.channel = join.channel();
            o.liveness = Liveness.CONNECTED;
            o.pendingInputs.clear();
            if (resumed && before == Liveness.DROPPED) {
                cycle.returned(o.player);
            }
            // Welcomed at the end of this tick, with its state: WELCOME is the first frame of every connection.
            o.awaitingWelcome = true;
            o.resumed = resumed;
            rosterChanged = true;
        }

        @Override
        public void disconnected(RoomCommand.Disconnected command) {
            Occupant o = seats.of(command.channel());
            if (o == null || o.liveness == Liveness.DROPPED) {
                return;
            }
            o.channel = null;
            o.liveness = Liveness.DROPPED;
            o.droppedAtMs = nowMs;
            o.pendingInputs.clear();
            cycle.dropped(o.player);
            rosterChanged = true;
        }

        @Override
        public void leave(RoomCommand.Leave command) {
            Occupant o = seats.of(command.channel());
            if (o != null) {
                o.channel.close(CloseCodes.NORMAL, "left");
                release(o);
            }
        }

        @Override
        public void livenessChanged(RoomCommand.LivenessChanged command) {
            Occupant o = seats.of(command.channel());
            if (o == null || o.liveness == command.liveness() || o.liveness == Liveness.DROPPED) {
                return;
            }
            o.liveness = command.liveness();
            if (command.liveness() == Liveness.SUSPECT) {
                cycle.suspect(o.player);
            }
            rosterChanged = true;
        }

        @Override
        public void input(RoomCommand.Input input) {
            Occupant o = seats.of(input.channel());
            // ackTick 0: sent before the client had its WELCOME, so before it saw any state: ignored.
            if (o != null && input.ackTick() > 0 && acknowledge(o, input.ackTick())) {
                o.pendingInputs.add(input);
            }
        }

        @Override
        public void ack(RoomCommand.Ack ack) {
            Occupant o = seats.of(ack.channel());
            if (o != null) {
                acknowledge(o, ack.tick());
            }
        }

        @Override
        public void resync(RoomCommand.Resync command) {
            Occupant o = seats.of(command.channel());
            if (o != null) {
                o.needsFullState = true;
            }
        }

        @Override
        public void chat(RoomCommand.Chat chat) {
            Occupant o = seats.of(chat.channel());
            // Over the chat allowance the line is dropped; the sender keeps playing. So is a line with nothing visible.
            if (o == null) {
                return;
            }
            String text = ChatText.clean(chat.text());
            if (text != null && o.chat.take(nowMs)) {
                outbox.chat(seats, o.player.seat(), text);
            }
        }

        /** Records the client's ack; false (and the connection closed with 1007) if it names a tick not yet sent. */
        private boolean acknowledge(Occupant o, long ackTick) {
            if (ackTick > tick) {
                o.channel.close(CloseCodes.INVALID_PAYLOAD, "ack of a future tick");
                return false;
            }
            if (ackTick > o.ackTick) {
                o.ackTick = ackTick;
            }
            return true;
        }
    }
}
