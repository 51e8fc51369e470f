package dev.quarkade.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;

import dev.quarkade.protocol.ClientCodec;
import dev.quarkade.protocol.ClientMessage;
import dev.quarkade.protocol.FrameWriter;
import dev.quarkade.protocol.MessageType;
import dev.quarkade.protocol.ProtocolException;
import dev.quarkade.protocol.ServerCodec;
import dev.quarkade.protocol.ServerMessage;
import dev.quarkade.sync.ClientSync;
import dev.quarkade.sync.StateCodec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * The Java load generator: players in rooms of {@code roomSize} (8 by default) that send an INPUT every tick (30 Hz,
 * as the arena client does) and answer Pings (Vert.x does). One player in {@code decodeEvery} decodes every frame with
 * the server's own codec and applies every STATE ({@link ClientSync}, checksum verified); the others read the tick and
 * the server time from each STATE's header ({@link StateHeader}) and acknowledge the newest tick, which is what a
 * client whose every state applies sends, so the server does the same work for them at a fraction of the generator's
 * CPU. Every STATE of every player is counted and timed. Everything runs on one event loop, on Netty's native epoll
 * transport where it loads, so the counters need no locks. Three modes: a Quarkade arena player, a Quarkade player who
 * sends nothing and decodes nothing (the idle-connection test), and a floor-server player (opaque body).
 */
final class PlayerLoad implements LoadClient {

    enum Mode {
        QUARKADE, IDLE, FLOOR
    }

    /** A player receiving states at this rate or more kept up with the 30 Hz tick (at most one in 60 missed). */
    static final double FULL_RATE_HZ = 29.5;
    private static final long INPUT_PERIOD_MS = 33;
    private static final int PARALLEL_SETUPS = 32;
    /** How long a player may take from the upgrade to its WELCOME (option {@code joinTimeout}, seconds). */
    static volatile long joinTimeoutMs = 60_000;

    private final Mode mode;
    private final int port;
    private final int roomSize;
    private final int decodeEvery;
    private final Vertx vertx;
    private final HttpClient http;
    private final WebSocketClient sockets;
    private final List<Group> groups = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom(42);
    private int playersCreated;

    // Window counters; touched on the event loop only.
    private final Histogram latencyMs = new Histogram(120_000, 3);
    private long windowStartNanos;
    private long bytesDown;
    private long bytesUp;
    private long framesDown;
    private long statesDown;
    private long resyncs;
    private long closedInWindow;
    private long sampledBodyBytes;
    private long sampledFullBytes;
    private long sampledStates;
    private int open;
    private long protocolErrors;
    private long closedTotal;
    private final TreeMap<String, Integer> closeCodes = new TreeMap<>();

    /**
     * {@code decodeEvery} 1 decodes every frame of every player; {@code nativeTransport} false keeps the generator on
     * NIO.
     */
    PlayerLoad(Mode mode, int port, int roomSize, int decodeEvery, boolean nativeTransport) {
        this.mode = mode;
        this.port = port;
        this.roomSize = roomSize;
        this.decodeEvery = Math.max(1, decodeEvery);
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setPreferNativeTransport(nativeTransport));
        this.http = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(PARALLEL_SETUPS)
                .setDefaultHost("127.0.0.1").setDefaultPort(port));
        this.sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
                .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20).setConnectTimeout(30_000));
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public String transport() {
        return vertx.isNativeTransportEnabled() ? "epoll" : "nio";
    }

    @Override
    public JsonObject addPlayers(int count) throws Exception {
        List<Player> added = onLoop(() -> {
            List<Player> players = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Group group = groups.isEmpty() || groups.get(groups.size() - 1).players.size() == roomSize
                        ? newGroup() : groups.get(groups.size() - 1);
                boolean decodes = playersCreated++ % decodeEvery == 0;
                // One decoding player per room at most also re-encodes each state as a full snapshot.
                boolean measuresFull = decodes && group.players.stream().noneMatch(q -> q.measuresFull);
                Player p = new Player(group, group.players.size() == 0, decodes, measuresFull);
                group.players.add(p);
                players.add(p);
            }
            return Future.succeededFuture(players);
        });
        long t0 = System.nanoTime();
        if (mode != Mode.FLOOR) {
            onLoop(() -> inParallel(added, this::prepare));
        }
        long t1 = System.nanoTime();
        onLoop(() -> inParallel(added, this::connect));
        long t2 = System.nanoTime();
        long joined = added.stream().filter(p -> p.joined).count();
        String firstFailure = added.stream().map(p -> p.failure).filter(f -> f != null).findFirst().orElse(null);
        return new JsonObject().put("requested", count).put("joined", joined).put("failed", count - joined)
                .put("firstFailure", firstFailure).put("tokenAndRoomSeconds", (t1 - t0) / 1e9)
                .put("connectAndJoinSeconds", (t2 - t1) / 1e9);
    }

    @Override
    public void startWindow() throws Exception {
        onLoop(() -> {
            latencyMs.reset();
            bytesDown = bytesUp = framesDown = statesDown = resyncs = closedInWindow = 0;
            sampledBodyBytes = sampledFullBytes = sampledStates = 0;
            for (Group g : groups) {
                g.firstTick = -1;
                g.lastTick = -1;
                for (Player p : g.players) {
                    p.statesInWindow = 0;
                }
            }
            windowStartNanos = System.nanoTime();
            return Future.succeededFuture();
        });
    }

    @Override
    public JsonObject endWindow() throws Exception {
        return onLoop(() -> {
            double seconds = (System.nanoTime() - windowStartNanos) / 1e9;
            double sum = 0;
            double min = Double.MAX_VALUE;
            int rooms = 0;
            for (Group g : groups) {
                if (g.firstTick > 0 && g.players.stream().anyMatch(p -> p.joined)) {
                    double rate = (g.lastTick - g.firstTick) / seconds;
                    sum += rate;
                    min = Math.min(min, rate);
                    rooms++;
                }
            }
            // Per player: did it receive the states of every tick? (The idle test's "all kept at 30 Hz".)
            int atFullRate = 0;
            int belowFullRate = 0;
            double minPlayerRate = Double.MAX_VALUE;
            for (Group g : groups) {
                for (Player p : g.players) {
                    if (p.joined && p.socket != null && !p.socket.isClosed()) {
                        double rate = p.statesInWindow / seconds;
                        if (rate >= FULL_RATE_HZ) {
                            atFullRate++;
                        } else {
                            belowFullRate++;
                        }
                        minPlayerRate = Math.min(minPlayerRate, rate);
                    }
                }
            }
            JsonObject codes = new JsonObject();
            closeCodes.forEach(codes::put);
            return Future.succeededFuture(new JsonObject().put("seconds", seconds).put("connected", open)
                    .put("closedInWindow", closedInWindow).put("closedTotal", closedTotal).put("closeCodes", codes)
                    .put("roomsMeasured", rooms).put("tickRateMean", rooms == 0 ? 0 : sum / rooms)
                    .put("tickRateMin", rooms == 0 ? 0 : min).put("fullRateHz", FULL_RATE_HZ)
                    .put("playersAtFullRate", atFullRate).put("playersBelowFullRate", belowFullRate)
                    .put("playerStateRateMin", atFullRate + belowFullRate == 0 ? 0 : minPlayerRate)
                    .put("latencyP50Ms", latencyMs.getValueAtPercentile(50))
                    .put("latencyP99Ms", latencyMs.getValueAtPercentile(99))
                    .put("latencyP999Ms", latencyMs.getValueAtPercentile(99.9))
                    .put("latencyMaxMs", latencyMs.getMaxValue())
                    .put("framesDown", framesDown).put("statesDown", statesDown).put("resyncs", resyncs)
                    .put("bytesDownPerPlayerPerSecond", open == 0 ? 0 : bytesDown / seconds / open)
                    .put("bytesUpPerPlayerPerSecond", open == 0 ? 0 : bytesUp / seconds / open)
                    .put("meanFrameBytes", framesDown == 0 ? 0 : (double) bytesDown / framesDown)
                    .put("sampledStates", sampledStates)
                    .put("sampledDeltaBodyBytesPerState", sampledStates == 0 ? 0 : (double) sampledBodyBytes / sampledStates)
                    .put("sampledFullBodyBytesPerState", sampledStates == 0 ? 0 : (double) sampledFullBytes / sampledStates));
        });
    }

    @Override
    public void close() {
        try {
            onLoop(() -> {
                for (Group g : groups) {
                    vertx.cancelTimer(g.timer);
                    for (Player p : g.players) {
                        if (p.socket != null && !p.socket.isClosed()) {
                            p.socket.close();
                        }
                    }
                }
                return Future.succeededFuture();
            });
        } catch (Exception e) {
            // closing anyway
        }
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null)
                .join();
    }

    private Group newGroup() {
        Group g = new Group(groups.size());
        groups.add(g);
        if (mode != Mode.IDLE) {
            g.timer = vertx.setPeriodic(1 + random.nextInt((int) INPUT_PERIOD_MS), INPUT_PERIOD_MS, id -> sendInputs(g));
        }
        return g;
    }

    /** Runs {@code task} on the event loop and waits for what it completes, at most ten minutes. */
    private <T> T onLoop(Supplier<Future<T>> task) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            try {
                task.get().onComplete(ar -> {
                    if (ar.succeeded()) {
                        done.complete(ar.result());
                    } else {
                        done.completeExceptionally(ar.cause());
                    }
                });
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(10, TimeUnit.MINUTES);
    }

    /** Runs {@code step} for every player, {@link #PARALLEL_SETUPS} at a time; failures are counted, not thrown. */
    private Future<Void> inParallel(List<Player> players, java.util.function.Function<Player, Future<?>> step) {
        Promise<Void> all = Promise.promise();
        int[] next = { 0 };
        int[] running = { 0 };
        Runnable[] launch = new Runnable[1];
        launch[0] = () -> {
            while (running[0] < PARALLEL_SETUPS && next[0] < players.size()) {
                Player p = players.get(next[0]++);
                running[0]++;
                Future<?> f;
                try {
                    f = step.apply(p);
                } catch (RuntimeException e) {
                    f = Future.failedFuture(e);
                }
                f.onComplete(ar -> {
                    if (ar.failed() && p.failure == null) {
                        p.failure = ar.cause().getMessage(); // the first failure: the room's refusal, not "no room"
                    }
                    running[0]--;
                    launch[0].run();
                });
            }
            if (running[0] == 0 && next[0] == players.size()) {
                all.tryComplete();
            }
        };
        launch[0].run();
        return all.future();
    }

    /** A guest token for the player and, for the first of a group, the room of {@code roomSize}. */
    private Future<?> prepare(Player p) {
        Future<String> token = post("/api/auth/guest", null, new JsonObject())
                .map(json -> p.token = json.getString("accessToken"));
        if (!p.createsRoom) {
            return token;
        }
        return token.compose(t -> post("/api/rooms", t, new JsonObject().put("game", "arena").put("capacity", roomSize)))
                .map(json -> p.group.roomId = json.getString("roomId"));
    }

    private Future<JsonObject> post(String path, String token, JsonObject body) {
        return http.request(HttpMethod.POST, path).compose(req -> {
            req.putHeader("Content-Type", "application/json");
            if (token != null) {
                req.putHeader("Authorization", "Bearer " + token);
            }
            return req.send(body.toBuffer()).compose(resp -> resp.body().map(b -> {
                if (resp.statusCode() / 100 != 2) {
                    throw new IllegalStateException(path + " answered " + resp.statusCode() + " " + b);
                }
                return new JsonObject(b);
            }));
        });
    }

    private Future<?> connect(Player p) {
        if (p.group.roomId == null && mode != Mode.FLOOR) {
            return Future.failedFuture("no room");
        }
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                .setAllowOriginHeader(false)
                .setURI(mode == Mode.FLOOR ? "/ws/floor/" + p.group.index : "/ws/rooms/" + p.group.roomId);
        if (p.token != null) {
            options.addHeader("Authorization", "Bearer " + p.token);
        }
        Promise<Void> joined = Promise.promise();
        long timeout = vertx.setTimer(joinTimeoutMs, id -> joined.tryFail("no WELCOME in time"));
        sockets.connect(options).onFailure(joined::tryFail).onSuccess(ws -> {
            p.socket = ws;
            open++;
            ws.binaryMessageHandler(frame -> {
                receive(p, frame);
                if (p.joined) {
                    vertx.cancelTimer(timeout);
                    joined.tryComplete();
                }
            });
            ws.closeHandler(v -> {
                open--;
                closedTotal++;
                closedInWindow++;
                Short code = ws.closeStatusCode();
                String reason = ws.closeReason();
                closeCodes.merge((code == null ? "1006" : Integer.toString(code))
                        + (reason == null || reason.isEmpty() ? "" : " " + reason), 1, Integer::sum);
                joined.tryFail("closed " + code);
            });
            ws.exceptionHandler(e -> {
            });
        });
        return joined.future();
    }

    private void receive(Player p, Buffer frame) {
        long now = System.currentTimeMillis();
        bytesDown += frame.length();
        framesDown++;
        boolean state = StateHeader.isState(frame);
        if (state) {
            p.statesInWindow++;
        }
        if (mode == Mode.IDLE) {
            p.joined |= frame.getUnsignedByte(0) == MessageType.WELCOME.code();
            return;
        }
        if (state) {
            long tick = StateHeader.tick(frame);
            onStateHeader(p, tick, StateHeader.serverTimeMs(frame), now);
            if (!p.decodes) {
                p.ackTick = Math.max(p.ackTick, tick);
                p.joined |= mode == Mode.FLOOR;
                return;
            }
        } else if (!p.decodes && frame.getUnsignedByte(0) != MessageType.WELCOME.code()) {
            return; // ROSTER, PONG, MATCH_END: a header-only player needs none of them
        }
        try {
            ServerMessage m = ServerCodec.decode(frame.getBytes());
            if (m instanceof ServerMessage.State s) {
                if (mode == Mode.FLOOR) {
                    p.joined = true; // the floor's body is opaque
                } else {
                    apply(p, s);
                }
            } else if (m instanceof ServerMessage.Welcome w) {
                if (p.decodes) {
                    p.sync = new ClientSync(w.historyTicks());
                    p.sync.accept(w.tick(), 0, w.checksum(), w.snapshot());
                }
                p.ackTick = w.tick();
                p.joined = true;
            }
        } catch (ProtocolException | RuntimeException e) {
            if (protocolErrors++ < 5) {
                System.err.println("bench client: " + e);
            }
            p.socket.close((short) 1007, "bench");
        }
    }

    /** Every STATE of every player: latency from the server time in its header, and its room's tick. */
    private void onStateHeader(Player p, long tick, long serverTimeMs, long now) {
        statesDown++;
        latencyMs.recordValue(Math.min(Math.max(0, now - serverTimeMs), 119_999));
        Group g = p.group;
        if (g.firstTick < 0) {
            g.firstTick = tick;
        }
        g.lastTick = Math.max(g.lastTick, tick);
    }

    /** A decoding player applies the state and verifies its checksum; a failure asks for a resync. */
    private void apply(Player p, ServerMessage.State s) throws ProtocolException {
        if (p.sync == null) {
            throw ProtocolException.malformed("STATE before WELCOME"); // the server must send WELCOME first
        }
        ClientSync.Outcome outcome = p.sync.accept(s.tick(), s.baselineTick(), s.checksum(), s.body());
        if (outcome == ClientSync.Outcome.MISSING_BASELINE || outcome == ClientSync.Outcome.CHECKSUM_MISMATCH) {
            resyncs++;
            send(p, new ClientMessage.ResyncRequest());
        } else if (outcome == ClientSync.Outcome.APPLIED && p.measuresFull) {
            // One player per room measures what a full snapshot would have cost instead of what was sent.
            sampledStates++;
            sampledBodyBytes += s.body().length;
            sampledFullBytes += StateCodec.encodeFull(p.sync.current(), p.scratch.reset()).size();
        }
    }

    private void sendInputs(Group g) {
        // A periodic timer runs the ticks it missed back to back once its loop is free again (after a GC or a stall of
        // a shared machine); a client does not send a burst of catch-up inputs, and the server's rate limit would
        // close it for one, so a run that comes less than half a period after the previous one is skipped.
        long now = System.nanoTime();
        if (now - g.lastInputsNanos < INPUT_PERIOD_MS * 500_000) {
            return;
        }
        g.lastInputsNanos = now;
        for (Player p : g.players) {
            if (!p.joined || p.socket == null || p.socket.isClosed()) {
                continue;
            }
            if (random.nextInt(30) == 0) {
                p.moveX = (byte) (random.nextInt(255) - 127);
                p.moveY = (byte) (random.nextInt(255) - 127);
            }
            long ack = p.sync != null ? p.sync.ackTick() : p.ackTick;
            send(p, new ClientMessage.Input(++p.seq, ack, new byte[] { p.moveX, p.moveY, 0 }));
            if (p.seq % 60 == 0) {
                send(p, new ClientMessage.Ping(System.currentTimeMillis() & 0xffffffffL));
            }
        }
    }

    private void send(Player p, ClientMessage m) {
        byte[] bytes = ClientCodec.encode(m);
        bytesUp += bytes.length;
        p.socket.writeBinaryMessage(Buffer.buffer(bytes));
    }

    private static final class Group {
        final int index;
        final List<Player> players = new ArrayList<>();
        String roomId;
        long timer;
        long lastInputsNanos = System.nanoTime() - INPUT_PERIOD_MS * 1_000_000;
        long firstTick = -1;
        long lastTick = -1;

        Group(int index) {
            this.index = index;
        }
    }

    private static final class Player {
        final Group group;
        final boolean createsRoom;
        /** Decodes and applies every frame; otherwise reads STATE headers only. */
        final boolean decodes;
        final boolean measuresFull;
        final FrameWriter scratch;
        String token;
        WebSocket socket;
        ClientSync sync;
        /** The newest tick received (header-only players) or of the WELCOME: what the next INPUT acknowledges. */
        long ackTick;
        long statesInWindow;
        boolean joined;
        long seq;
        byte moveX;
        byte moveY;
        String failure;

        Player(Group group, boolean createsRoom, boolean decodes, boolean measuresFull) {
            this.group = group;
            this.createsRoom = createsRoom;
            this.decodes = decodes;
            this.measuresFull = measuresFull;
            this.scratch = measuresFull ? new FrameWriter(512) : null;
        }
    }
}
