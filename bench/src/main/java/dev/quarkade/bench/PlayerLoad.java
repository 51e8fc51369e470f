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
 * The Java load generator: players in rooms of 8 that send an INPUT every tick (30 Hz, as the arena client does),
 * answer Pings (Vert.x does), and decode every frame with the server's own codec. Everything runs on one event loop,
 * so the counters need no locks. Three modes: a Quarkade arena player, a Quarkade player who sends nothing and
 * decodes nothing (the idle-connection test), and a floor-server player (STATE header only, opaque body).
 */
final class PlayerLoad implements LoadClient {

    enum Mode {
        QUARKADE, IDLE, FLOOR
    }

    private static final int ROOM_SIZE = 8;
    private static final long INPUT_PERIOD_MS = 33;
    private static final int PARALLEL_SETUPS = 32;
    /** How long a player may take from the upgrade to its WELCOME (option {@code joinTimeout}, seconds). */
    static volatile long joinTimeoutMs = 60_000;

    private final Mode mode;
    private final int port;
    private final Vertx vertx;
    private final HttpClient http;
    private final WebSocketClient sockets;
    private final List<Group> groups = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom(42);

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
    private final TreeMap<Integer, Integer> closeCodes = new TreeMap<>();

    PlayerLoad(Mode mode, int port) {
        this.mode = mode;
        this.port = port;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
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
    public JsonObject addPlayers(int count) throws Exception {
        List<Player> added = onLoop(() -> {
            List<Player> players = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Group group = groups.isEmpty() || groups.get(groups.size() - 1).players.size() == ROOM_SIZE
                        ? newGroup() : groups.get(groups.size() - 1);
                Player p = new Player(group, group.players.size() == 0);
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
        return new JsonObject().put("requested", count).put("joined", joined).put("failed", count - joined)
                .put("tokenAndRoomSeconds", (t1 - t0) / 1e9).put("connectAndJoinSeconds", (t2 - t1) / 1e9);
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
            JsonObject codes = new JsonObject();
            closeCodes.forEach((code, n) -> codes.put(Integer.toString(code), n));
            return Future.succeededFuture(new JsonObject().put("seconds", seconds).put("connected", open)
                    .put("closedInWindow", closedInWindow).put("closedTotal", closedTotal).put("closeCodes", codes)
                    .put("roomsMeasured", rooms).put("tickRateMean", rooms == 0 ? 0 : sum / rooms)
                    .put("tickRateMin", rooms == 0 ? 0 : min)
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
                    if (ar.failed()) {
                        p.failure = ar.cause().toString();
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

    /** A guest token for the player and, for the first of a group, the room of 8. */
    private Future<?> prepare(Player p) {
        Future<String> token = post("/api/auth/guest", null, new JsonObject())
                .map(json -> p.token = json.getString("accessToken"));
        if (!p.createsRoom) {
            return token;
        }
        return token.compose(t -> post("/api/rooms", t, new JsonObject().put("game", "arena").put("capacity", ROOM_SIZE)))
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
                closeCodes.merge(code == null ? 1006 : (int) code, 1, Integer::sum);
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
        if (mode == Mode.IDLE) {
            p.joined |= frame.getUnsignedByte(0) == 0x81;
            return;
        }
        try {
            ServerMessage m = ServerCodec.decode(frame.getBytes());
            if (m instanceof ServerMessage.State s) {
                onState(p, s, now);
            } else if (m instanceof ServerMessage.Welcome w) {
                p.sync = new ClientSync(w.historyTicks());
                p.sync.accept(w.tick(), 0, w.checksum(), w.snapshot());
                p.joined = true;
            }
        } catch (ProtocolException | RuntimeException e) {
            if (protocolErrors++ < 5) {
                System.err.println("bench client: " + e);
            }
            p.socket.close((short) 1007, "bench");
        }
    }

    private void onState(Player p, ServerMessage.State s, long now) throws ProtocolException {
        statesDown++;
        latencyMs.recordValue(Math.min(Math.max(0, now - s.serverTimeMs()), 119_999));
        Group g = p.group;
        if (g.firstTick < 0) {
            g.firstTick = s.tick();
        }
        g.lastTick = Math.max(g.lastTick, s.tick());
        if (mode == Mode.FLOOR) {
            p.joined = true;
            return;
        }
        ClientSync.Outcome outcome = p.sync.accept(s.tick(), s.baselineTick(), s.checksum(), s.body());
        if (outcome == ClientSync.Outcome.MISSING_BASELINE || outcome == ClientSync.Outcome.CHECKSUM_MISMATCH) {
            resyncs++;
            send(p, new ClientMessage.ResyncRequest());
        } else if (outcome == ClientSync.Outcome.APPLIED && p.createsRoom) {
            // One player per room measures what a full snapshot would have cost instead of what was sent.
            sampledStates++;
            sampledBodyBytes += s.body().length;
            sampledFullBytes += StateCodec.encodeFull(p.sync.current(), p.scratch.reset()).size();
        }
    }

    private void sendInputs(Group g) {
        for (Player p : g.players) {
            if (!p.joined || p.socket == null || p.socket.isClosed()) {
                continue;
            }
            if (random.nextInt(30) == 0) {
                p.moveX = (byte) (random.nextInt(255) - 127);
                p.moveY = (byte) (random.nextInt(255) - 127);
            }
            long ack = p.sync == null ? 0 : p.sync.ackTick();
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
        final List<Player> players = new ArrayList<>(ROOM_SIZE);
        String roomId;
        long timer;
        long firstTick = -1;
        long lastTick = -1;

        Group(int index) {
            this.index = index;
        }
    }

    private static final class Player {
        final Group group;
        final boolean createsRoom;
        final FrameWriter scratch = new FrameWriter(512);
        String token;
        WebSocket socket;
        ClientSync sync;
        boolean joined;
        long seq;
        byte moveX;
        byte moveY;
        String failure;

        Player(Group group, boolean createsRoom) {
            this.group = group;
            this.createsRoom = createsRoom;
        }
    }
}
