package dev.quarkade.room;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

import dev.quarkade.game.Game;
import dev.quarkade.game.Match;
import dev.quarkade.game.MatchContext;
import dev.quarkade.game.PlayerResult;
import dev.quarkade.game.PlayerSeat;
import dev.quarkade.protocol.CloseCodes;
import dev.quarkade.protocol.FrameWriter;
import dev.quarkade.protocol.Limits;
import dev.quarkade.protocol.ServerCodec;
import dev.quarkade.protocol.ServerMessage;
import dev.quarkade.sync.StateHistory;
import dev.quarkade.sync.TickEncoder;
import dev.quarkade.sync.WorldState;

/**
 * One room: its seats, its inbox and its authoritative world. {@link #submit} and {@link #hold} may be called from any
 * thread; {@link #tick} is called by one thread at a time (the room's event loop), at the room's tick rate, and does
 * everything else: it drains the inbox, applies inputs, steps the match and sends each seat its state.
 */
public final class Room {

    private final String id;
    private final Game game;
    private final RoomSettings settings;
    private final RoomListener listener;
    private final RandomGenerator random;
    private final SeatBook book;
    private final Queue<RoomCommand> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final int inboxCapacity;
    private final Seat[] seats;
    private final WorldState world;
    private final StateHistory history = new StateHistory();
    private final TickEncoder encoder = new TickEncoder(history);
    private final FrameWriter frame = new FrameWriter(1024);
    private long bytesSent;

    private Match match;
    private Instant matchStartedAt;
    private long tick;
    private RoomStatus status = RoomStatus.WAITING;
    private long intermissionEndsAtMs;
    private long emptySinceMs = -1;
    private boolean rosterChanged;
    private volatile RoomSummary summary;
    private final RoomStats stats;
    private volatile RoomSnapshot snapshot;

    public Room(String id, Game game, int capacity, RoomSettings settings, RoomListener listener,
            RandomGenerator random, long nowMs) {
        this(id, game, capacity, settings, listener, random);
        startMatch(nowMs);
        encoder.begin(++tick, world); // tick 1 is the initial world, so a welcome always has a tick to show
        publishSummary();
        publishSnapshot(nowMs);
    }

    private Room(String id, Game game, int capacity, RoomSettings settings, RoomListener listener,
            RandomGenerator random) {
        this.id = id;
        this.game = game;
        this.settings = settings;
        this.listener = listener;
        this.random = random;
        this.book = new SeatBook(capacity);
        this.seats = new Seat[capacity];
        this.inboxCapacity = capacity * settings.inboxPerSeat();
        this.world = new WorldState(game.globalCount(), capacity + 32);
        this.stats = new RoomStats(settings.tickRate());
    }

    /**
     * Recreates a room from its {@link #carryOver()} with the current rules of {@code game}: same id, tick, world and
     * seats. Every seated player starts DROPPED, as if their connection had just gone, so connecting again within
     * {@code quarkade.reconnect.grace} resumes their seat. Used across a dev-mode hot reload.
     *
     * @throws IllegalArgumentException if the snapshot does not fit the game (another game, capacity or world shape)
     */
    public static Room restore(CarriedRoom snapshot, Game game, RoomSettings settings, RoomListener listener,
            RandomGenerator random, long nowMs) {
        if (!game.id().equals(snapshot.gameId()) || snapshot.capacity() < 1
                || snapshot.capacity() > game.maxCapacity()) {
            throw new IllegalArgumentException("snapshot of room " + snapshot.id() + " does not fit " + game.id());
        }
        Room room = new Room(snapshot.id(), game, snapshot.capacity(), settings, listener, random);
        room.world.copyFrom(snapshot.world());
        room.match = game.newMatch(new MatchContext(snapshot.id(), snapshot.capacity(), settings.tickRate(), random));
        room.match.resumed(room.world);
        // The match keeps its start time, so its record spans it all (the time the room was away included).
        room.matchStartedAt = Instant.ofEpochMilli(
                snapshot.matchStartedAtMs() == CarriedRoom.UNKNOWN_START ? nowMs : snapshot.matchStartedAtMs());
        room.tick = snapshot.tick();
        room.status = snapshot.status() == RoomStatus.CLOSED ? RoomStatus.WAITING : snapshot.status();
        room.intermissionEndsAtMs = nowMs + settings.intermission().toMillis();
        for (CarriedRoom.SeatSnapshot s : snapshot.seats()) {
            PlayerSeat player = s.player();
            if (player.seat() >= room.seats.length || room.seats[player.seat()] != null) {
                throw new IllegalArgumentException("seat " + player.seat() + " of room " + snapshot.id());
            }
            Seat seat = new Seat(player);
            seat.liveness = Liveness.DROPPED;
            seat.droppedAtMs = nowMs;
            seat.lastInputSeq = s.lastInputSeq();
            seat.chatTokens = settings.chatPerMinute();
            seat.chatRefilledAtMs = nowMs;
            room.seats[player.seat()] = seat;
            room.book.occupy(player.playerId(), nowMs);
        }
        room.encoder.begin(room.tick, room.world);
        room.rosterChanged = true;
        room.publishSummary();
        room.publishSnapshot(nowMs);
        return room;
    }

    /** This room as it is now, to {@link #restore} later. Tick thread only (or once the room no longer ticks). */
    public CarriedRoom carryOver() {
        List<CarriedRoom.SeatSnapshot> taken = new ArrayList<>();
        for (Seat seat : seats) {
            if (seat != null) {
                taken.add(new CarriedRoom.SeatSnapshot(seat.player, seat.lastInputSeq));
            }
        }
        return new CarriedRoom(id, game.id(), seats.length, tick, status, List.copyOf(taken), world.copy(),
                matchStartedAt.toEpochMilli());
    }

    public String id() {
        return id;
    }

    public Game game() {
        return game;
    }

    public int capacity() {
        return seats.length;
    }

    /** The number of the last tick run. Tick thread only (or once the room no longer ticks). */
    public long currentTick() {
        return tick;
    }

    /** The latest view of this room for listings; safe from any thread. */
    public RoomSummary summary() {
        return summary;
    }

    /** The latest operator's view of this room (seats, liveness, RTT, tick time, bandwidth); safe from any thread. */
    public RoomSnapshot snapshot() {
        return snapshot;
    }

    public boolean isClosed() {
        return status == RoomStatus.CLOSED;
    }

    /**
     * Holds a seat for the player for {@code quarkade.room.seat-hold}, or confirms the one they have. False when the
     * room is full or closed: the caller answers 409.
     */
    public boolean hold(UUID playerId, long nowMs) {
        return !isClosed() && book.hold(playerId, nowMs, nowMs + settings.seatHold().toMillis());
    }

    /**
     * Queues a command for the next tick. A player message finding {@code capacity × inbox-per-seat} commands already
     * queued is refused (false): the caller closes that connection with 1008. Lifecycle commands (join, leave,
     * disconnect, liveness) are always queued, so a seat is never left behind by a lost "gone".
     */
    public boolean submit(RoomCommand command) {
        if (queued.incrementAndGet() > inboxCapacity && isPlayerMessage(command)) {
            queued.decrementAndGet();
            return false;
        }
        inbox.add(command);
        return true;
    }

    /** Commands waiting for the next tick; at most {@code capacity × inbox-per-seat} plus lifecycle commands. */
    public int queuedCommands() {
        return queued.get();
    }

    private static boolean isPlayerMessage(RoomCommand command) {
        return command instanceof RoomCommand.Input || command instanceof RoomCommand.Ack
                || command instanceof RoomCommand.Chat || command instanceof RoomCommand.Resync;
    }

    /** Runs one tick at wall-clock time {@code nowMs}; false once the room has closed and must not tick again. */
    public boolean tick(long nowMs) {
        if (isClosed()) {
            return false;
        }
        long started = System.nanoTime();
        bytesSent = 0;
        drainInbox(nowMs);
        applyInputs();
        if (status == RoomStatus.INTERMISSION && nowMs >= intermissionEndsAtMs) {
            startMatch(nowMs);
        }
        tick++;
        match.step(world, tick);
        if (status != RoomStatus.INTERMISSION && match.isOver(world)) {
            endMatch(nowMs);
        }
        expireDroppedSeats(nowMs);
        encoder.begin(tick, world);
        boolean rosterSent = rosterChanged;
        if (rosterSent) {
            sendRoster();
        }
        broadcastState(nowMs);
        checkIdle(nowMs);
        publishSummary();
        long nanos = System.nanoTime() - started;
        if (stats.record(nowMs, nanos, bytesSent) || rosterSent) {
            publishSnapshot(nowMs);
        }
        listener.ticked(id, nanos, bytesSent);
        return !isClosed();
    }

    /** Closes the room now: every connection gets {@code code} and the room stops ticking. Tick thread only. */
    public void close(int code, String reason) {
        for (Seat seat : seats) {
            if (seat != null && seat.isConnected()) {
                seat.channel.close(code, reason);
            }
        }
        status = RoomStatus.CLOSED;
        publishSummary();
        publishSnapshot(System.currentTimeMillis());
        listener.roomClosed(id);
    }

    /**
     * Removes a player from the room at once: their connection is closed with 1008 and {@code reason}, and their seat
     * is released (no reconnect grace). False when the player has no seat here. Tick thread only.
     */
    public boolean kick(UUID playerId, String reason) {
        Seat seat = seatOf(playerId);
        if (seat == null) {
            return false;
        }
        if (seat.isConnected()) {
            seat.channel.close(CloseCodes.POLICY_VIOLATION, reason);
        }
        release(seat);
        publishSnapshot(System.currentTimeMillis());
        return true;
    }

    private void drainInbox(long nowMs) {
        RoomCommand command;
        while ((command = inbox.poll()) != null) {
            queued.decrementAndGet();
            if (command instanceof RoomCommand.Join join) {
                join(join, nowMs);
                continue;
            }
            Seat seat = seatOf(command.channel());
            if (seat == null) {
                continue; // a connection that was replaced or never seated: its late messages are moot
            }
            if (command instanceof RoomCommand.Input input) {
                if (acknowledge(seat, input.ackTick())) {
                    seat.pendingInputs.add(input);
                }
            } else if (command instanceof RoomCommand.Ack ack) {
                acknowledge(seat, ack.tick());
            } else if (command instanceof RoomCommand.Resync) {
                seat.needsFullState = true;
            } else if (command instanceof RoomCommand.Chat chat) {
                relayChat(seat, chat.text(), nowMs);
            } else if (command instanceof RoomCommand.Leave) {
                seat.channel.close(CloseCodes.NORMAL, "left");
                release(seat);
            } else if (command instanceof RoomCommand.Disconnected) {
                drop(seat, nowMs);
            } else if (command instanceof RoomCommand.LivenessChanged change) {
                changeLiveness(seat, change.liveness());
            }
        }
    }

    private void join(RoomCommand.Join join, long nowMs) {
        Seat seat = seatOf(join.playerId());
        boolean resumed = seat != null;
        if (seat == null) {
            int free = freeSeatIndex();
            if (free < 0 || !book.occupy(join.playerId(), nowMs)) {
                // The hold ran out before the connection opened and someone else took the seat.
                join.channel().close(CloseCodes.SEAT_EXPIRED, "room full");
                return;
            }
            seat = new Seat(new PlayerSeat(free, join.playerId(), join.name(), free + 1));
            seat.chatTokens = settings.chatPerMinute();
            seat.chatRefilledAtMs = nowMs;
            seats[free] = seat;
            match.joined(world, seat.player);
        } else if (seat.isConnected()) {
            seat.channel.close(CloseCodes.REPLACED, "replaced");
        }
        Liveness before = seat.liveness;
        seat.channel = join.channel();
        seat.liveness = Liveness.CONNECTED;
        seat.pendingInputs.clear();
        if (resumed && before == Liveness.DROPPED) {
            match.returned(world, seat.player);
        }
        welcome(seat, resumed, nowMs);
        rosterChanged = true;
    }

    private void welcome(Seat seat, boolean resumed, long nowMs) {
        // The welcome shows the world as of the last tick sent; the client keeps it as that tick's state.
        frame.reset();
        ServerCodec.encode(new ServerMessage.Welcome(Limits.PROTOCOL_VERSION, seat.player.seat(),
                seat.player.entityId(), settings.tickRate(), seats.length, history.capacity(), resumed,
                encoder.tick(), nowMs, encoder.checksum(), encoder.body(0)), frame);
        send(seat.channel, frame);
        seat.ackTick = encoder.tick();
        seat.needsFullState = false;
    }

    /** Records the client's ack; false (and the connection closed with 1007) if it names a tick not yet sent. */
    private boolean acknowledge(Seat seat, long ackTick) {
        if (ackTick > tick) {
            seat.channel.close(CloseCodes.INVALID_PAYLOAD, "ack of a future tick");
            return false;
        }
        if (ackTick > seat.ackTick) {
            seat.ackTick = ackTick;
        }
        return true;
    }

    private void applyInputs() {
        for (Seat seat : seats) {
            if (seat == null) {
                continue;
            }
            for (int n = 0; n < settings.maxInputsPerTick() && !seat.pendingInputs.isEmpty(); n++) {
                RoomCommand.Input input = seat.pendingInputs.poll();
                if (input.seq() > seat.lastInputSeq) {
                    match.input(world, seat.player, input.payload());
                    seat.lastInputSeq = input.seq();
                }
            }
        }
    }

    private void relayChat(Seat seat, String text, long nowMs) {
        double refill = (nowMs - seat.chatRefilledAtMs) * settings.chatPerMinute() / 60_000.0;
        seat.chatTokens = Math.min(settings.chatPerMinute(), seat.chatTokens + refill);
        seat.chatRefilledAtMs = nowMs;
        if (seat.chatTokens < 1) {
            return; // over the chat allowance: dropped, the sender keeps playing
        }
        seat.chatTokens -= 1;
        frame.reset();
        ServerCodec.encode(new ServerMessage.ChatRelay(seat.player.seat(), text), frame);
        sendToAll(frame);
    }

    private void drop(Seat seat, long nowMs) {
        if (seat.liveness == Liveness.DROPPED) {
            return;
        }
        seat.channel = null;
        seat.liveness = Liveness.DROPPED;
        seat.droppedAtMs = nowMs;
        seat.pendingInputs.clear();
        match.dropped(world, seat.player);
        rosterChanged = true;
    }

    private void changeLiveness(Seat seat, Liveness liveness) {
        if (seat.liveness == liveness || seat.liveness == Liveness.DROPPED) {
            return;
        }
        seat.liveness = liveness;
        if (liveness == Liveness.SUSPECT) {
            match.suspect(world, seat.player);
        }
        rosterChanged = true;
    }

    private void expireDroppedSeats(long nowMs) {
        long graceMs = settings.reconnectGrace().toMillis();
        for (Seat seat : seats) {
            if (seat != null && seat.liveness == Liveness.DROPPED && nowMs - seat.droppedAtMs >= graceMs) {
                release(seat);
            }
        }
    }

    private void release(Seat seat) {
        seats[seat.player.seat()] = null;
        book.release(seat.player.playerId());
        match.left(world, seat.player);
        rosterChanged = true;
    }

    private void startMatch(long nowMs) {
        world.clear();
        match = game.newMatch(new MatchContext(id, seats.length, settings.tickRate(), random));
        match.start(world);
        matchStartedAt = Instant.ofEpochMilli(nowMs);
        status = RoomStatus.WAITING;
        for (Seat seat : seats) {
            if (seat != null) {
                match.joined(world, seat.player);
            }
        }
        if (book.occupied() > 0) {
            status = RoomStatus.PLAYING;
        }
    }

    private void endMatch(long nowMs) {
        List<PlayerSeat> players = new ArrayList<>();
        for (Seat seat : seats) {
            if (seat != null) {
                players.add(seat.player);
            }
        }
        List<PlayerResult> results = match.results(world, players);
        List<ServerMessage.Result> wire = new ArrayList<>(results.size());
        for (PlayerResult r : results) {
            wire.add(new ServerMessage.Result(r.seat(), r.score(), r.placement()));
        }
        Instant endedAt = Instant.ofEpochMilli(nowMs);
        frame.reset();
        ServerCodec.encode(new ServerMessage.MatchEnd(nowMs - matchStartedAt.toEpochMilli(), wire), frame);
        sendToAll(frame);
        listener.matchEnded(id, game.id(), matchStartedAt, endedAt, results);
        status = RoomStatus.INTERMISSION;
        intermissionEndsAtMs = nowMs + settings.intermission().toMillis();
    }

    /**
     * Sends this tick's state to every connected seat: a delta from the seat's acknowledged baseline (or the full
     * state), each body encoded once and shared. A seat whose connection is not writable is skipped: its next state,
     * a delta from the same acknowledged baseline, carries everything it missed.
     */
    private void broadcastState(long nowMs) {
        for (Seat seat : seats) {
            if (seat == null || !seat.isConnected() || !seat.channel.isWritable()) {
                continue;
            }
            long baseline = seat.needsFullState ? 0 : encoder.baselineFor(seat.ackTick);
            byte[] body = encoder.body(baseline);
            // Written straight into an array of the frame's exact size that the channel takes as it is: one copy
            // of the shared body per player, not one into a scratch buffer and another for the socket.
            FrameWriter state = new FrameWriter(ServerCodec.STATE_HEADER_BYTES + body.length);
            ServerCodec.encodeState(state, tick, nowMs, baseline, seat.lastInputSeq, seat.channel.rttMillis(),
                    encoder.checksum(), body, 0, body.length);
            bytesSent += state.size();
            seat.channel.sendOwned(state.size() == state.array().length ? state.array() : state.toByteArray());
            seat.needsFullState = false;
        }
    }

    private void sendRoster() {
        List<ServerMessage.Seat> roster = new ArrayList<>();
        for (Seat seat : seats) {
            if (seat != null) {
                roster.add(new ServerMessage.Seat(seat.player.seat(), seat.player.playerId(), seat.player.name(),
                        seat.liveness.wire()));
            }
        }
        frame.reset();
        ServerCodec.encode(new ServerMessage.Roster(roster), frame);
        sendToAll(frame);
        rosterChanged = false;
    }

    private void sendToAll(FrameWriter encoded) {
        for (Seat seat : seats) {
            if (seat != null && seat.isConnected()) {
                send(seat.channel, encoded);
            }
        }
    }

    private void send(PlayerChannel channel, FrameWriter encoded) {
        bytesSent += encoded.size();
        channel.send(encoded.asByteBuffer());
    }

    private void checkIdle(long nowMs) {
        if (book.taken(nowMs) > 0) {
            emptySinceMs = -1;
            if (status == RoomStatus.WAITING && book.occupied() > 0) {
                status = RoomStatus.PLAYING; // the clock of a match starts with its first player
                matchStartedAt = Instant.ofEpochMilli(nowMs);
            }
            return;
        }
        if (emptySinceMs < 0) {
            emptySinceMs = nowMs;
        } else if (nowMs - emptySinceMs >= settings.idleTimeout().toMillis()) {
            close(CloseCodes.ROOM_CLOSED, "room disposed");
        }
    }

    private void publishSummary() {
        summary = new RoomSummary(id, game.id(), book.occupied(), seats.length, status.json());
    }

    private void publishSnapshot(long nowMs) {
        List<RoomSnapshot.SeatView> players = new ArrayList<>();
        for (Seat seat : seats) {
            if (seat != null) {
                players.add(new RoomSnapshot.SeatView(seat.player.seat(), seat.player.playerId(), seat.player.name(),
                        seat.liveness.name().toLowerCase(Locale.ROOT),
                        seat.isConnected() ? seat.channel.rttMillis() : 0));
            }
        }
        snapshot = new RoomSnapshot(id, game.id(), status.json(), seats.length, tick, stats.tickP99Nanos() / 1e6,
                stats.bytesPerSecond(), nowMs, players);
    }

    private Seat seatOf(PlayerChannel channel) {
        for (Seat seat : seats) {
            if (seat != null && seat.channel == channel) {
                return seat;
            }
        }
        return null;
    }

    private Seat seatOf(UUID playerId) {
        for (Seat seat : seats) {
            if (seat != null && seat.player.playerId().equals(playerId)) {
                return seat;
            }
        }
        return null;
    }

    private int freeSeatIndex() {
        for (int i = 0; i < seats.length; i++) {
            if (seats[i] == null) {
                return i;
            }
        }
        return -1;
    }
}
