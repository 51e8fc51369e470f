import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Soak load for a running Quarkade server, JDK only (run as a single-file program: java bench/Soak.java ...).
 * Opens ROOMS rooms of PLAYERS guests each, sends one INPUT per player every 100 ms acknowledging the newest
 * STATE, and reports every 10 s. Exits 1 if any player lost its connection: a soak must lose nobody.
 *
 * Usage: java bench/Soak.java http://localhost:8080 ROOMS PLAYERS MINUTES
 */
public class Soak {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final AtomicLong STATES = new AtomicLong();
    static final AtomicLong INPUTS = new AtomicLong();
    static final Map<Integer, AtomicLong> CLOSES = new ConcurrentHashMap<>();
    static final List<Player> PLAYERS = new ArrayList<>();
    /** Tick-to-receive latency in whole milliseconds (server time in the STATE vs receive time, same clock). */
    static final Latency WINDOW = new Latency();
    static final Latency TOTAL = new Latency();

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        int rooms = Integer.parseInt(args[1]);
        int perRoom = Integer.parseInt(args[2]);
        long minutes = Long.parseLong(args[3]);
        long started = System.nanoTime();
        for (int r = 0; r < rooms; r++) {
            String owner = guest(base, "soak-" + r + "-0");
            String room = field(post(base, "/api/rooms", owner, "{\"game\":\"arena\",\"capacity\":" + perRoom + "}"),
                    "roomId");
            for (int p = 0; p < perRoom; p++) {
                Player player = new Player(p == 0 ? owner : guest(base, "soak-" + r + "-" + p));
                player.connect(base, room);
                PLAYERS.add(player);
            }
        }
        System.out.printf("connected %d players in %d rooms in %d s%n", PLAYERS.size(), rooms,
                (System.nanoTime() - started) / 1_000_000_000);
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        timer.scheduleAtFixedRate(() -> PLAYERS.forEach(Player::input), 100, 100, TimeUnit.MILLISECONDS);
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        long lastStates = 0;
        while (System.nanoTime() < end) {
            Thread.sleep(10_000);
            long states = STATES.get();
            long open = PLAYERS.stream().filter(p -> !p.closed).count();
            System.out.printf("t=%4ds open=%d states/s=%d inputs=%d latency p50/p99/p99.9/max=%s ms closes=%s%n",
                    (System.nanoTime() - started) / 1_000_000_000, open, (states - lastStates) / 10, INPUTS.get(),
                    WINDOW.summaryAndReset(), CLOSES);
            lastStates = states;
        }
        timer.shutdownNow();
        long lost = PLAYERS.stream().filter(p -> p.closed).count();
        System.out.printf("done: %d of %d players lost their connection; closes %s%n", lost, PLAYERS.size(), CLOSES);
        System.out.printf("latency over the whole run p50/p99/p99.9/max=%s ms over %d states%n", TOTAL.summaryAndReset(),
                STATES.get());
        PLAYERS.forEach(p -> p.ws.sendClose(1000, "soak over"));
        System.exit(lost == 0 ? 0 : 1);
    }

    static String guest(URI base, String name) throws Exception {
        return field(post(base, "/api/auth/guest", null, "{\"name\":\"" + name + "\"}"), "accessToken");
    }

    static String post(URI base, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    /** One player: acknowledges the newest STATE in its inputs. The JDK client answers Pings by itself. */
    static final class Player implements WebSocket.Listener {
        final String token;
        WebSocket ws;
        volatile long latestTick;
        volatile boolean welcomed;
        volatile boolean closed;
        long seq;
        private final java.io.ByteArrayOutputStream parts = new java.io.ByteArrayOutputStream();

        Player(String token) {
            this.token = token;
        }

        void connect(URI base, String room) {
            URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "/ws/rooms/" + room);
            ws = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token).buildAsync(uri, this).join();
        }

        synchronized void input() {
            if (closed || !welcomed) {
                return;
            }
            ByteBuffer frame = ByteBuffer.allocate(12).put((byte) 0x01).putInt((int) ++seq).putInt((int) latestTick)
                    .put((byte) (seq % 2 == 0 ? 60 : -60)).put((byte) 0).put((byte) 0).flip();
            ws.sendBinary(frame, true);
            INPUTS.incrementAndGet();
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer part, boolean last) {
            // The JDK hands a large message (a WELCOME, a full STATE) over in parts.
            byte[] bytes = new byte[part.remaining()];
            part.get(bytes);
            parts.write(bytes, 0, bytes.length);
            if (!last) {
                webSocket.request(1);
                return null;
            }
            ByteBuffer data = ByteBuffer.wrap(parts.toByteArray());
            parts.reset();
            int type = data.get(0) & 0xff;
            if (type == 0x81) {
                latestTick = data.getInt(9) & 0xffffffffL;
                welcomed = true;
            } else if (type == 0x82) {
                latestTick = Math.max(latestTick, data.getInt(1) & 0xffffffffL);
                STATES.incrementAndGet();
                long latency = System.currentTimeMillis() - data.getLong(5);
                WINDOW.record(latency);
                TOTAL.record(latency);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            CLOSES.computeIfAbsent(statusCode, c -> new AtomicLong()).incrementAndGet();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (!closed) {
                System.out.println("client error: " + error);
            }
            closed = true;
            CLOSES.computeIfAbsent(-1, c -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Counts per millisecond up to 10 s (the last bucket holds everything slower). */
    static final class Latency {
        final AtomicLongArray counts = new AtomicLongArray(10_001);

        void record(long ms) {
            counts.incrementAndGet((int) Math.max(0, Math.min(10_000, ms)));
        }

        String summaryAndReset() {
            long[] c = new long[counts.length()];
            long total = 0;
            for (int i = 0; i < c.length; i++) {
                c[i] = counts.getAndSet(i, 0);
                total += c[i];
            }
            return percentile(c, total, 0.5) + "/" + percentile(c, total, 0.99) + "/" + percentile(c, total, 0.999)
                    + "/" + percentile(c, total, 1.0);
        }

        static int percentile(long[] c, long total, double q) {
            long rank = Math.max(1, (long) Math.ceil(q * total));
            long seen = 0;
            for (int i = 0; i < c.length; i++) {
                seen += c[i];
                if (seen >= rank) {
                    return i;
                }
            }
            return 0;
        }
    }
}
