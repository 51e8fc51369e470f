package dev.quarkade.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Runs the benchmark of docs/benchmarks.md: for each server (quarkade, floor, colyseus) it waits for a quiet machine,
 * starts the server pinned to core 0, ramps players in rooms of 8 through the steps and measures each; the
 * idle-connection test on a fresh Quarkade; with {@code roomSize=}, the room-size sweep (the same total players in
 * rooms of each size, a fresh Quarkade for each); then writes results/&lt;date&gt;-&lt;label&gt;.json and its plot. This JVM
 * is the generator and runs pinned to core 1 (bench/run.sh). Options are {@code key=value} arguments, see
 * docs/benchmarks.md.
 */
public final class Bench {

    private static final int TICK_RATE = 30;
    /** A room ticking faster than this is still catching up ticks the joins delayed (see settle). */
    private static final double CAUGHT_UP_TICK_RATE = TICK_RATE * 1.03;
    private static final double SATURATED_CPU_PERCENT = 95;
    /** A step whose generator used more of its core than this measured the generator too, not only the server. */
    static final double GENERATOR_BOUND_PERCENT = 80;
    /**
     * A step where a core was busier than its process by more than this (points of a core) had other work on it: other
     * processes of a shared machine, or loopback network work the kernel does in softirq outside any process.
     */
    static final double CONTENDED_PERCENT = 25;
    private static final int SERVER_CORE = 0;
    private static final int GENERATOR_CORE = 1;
    private static final int RAMP_ROOM_SIZE = 8;

    private final Map<String, String> options = new HashMap<>();
    private final File benchDir = new File(".").getAbsoluteFile();
    private final File logs = new File(benchDir, "target/logs");
    private final JsonArray runs = new JsonArray();
    private int typicalFrameBytes = 60;

    public static void main(String[] args) throws Exception {
        Bench bench = new Bench();
        for (String a : args) {
            int eq = a.indexOf('=');
            bench.options.put(a.substring(0, eq), a.substring(eq + 1));
        }
        bench.run();
        System.exit(0);
    }

    private String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    private void run() throws Exception {
        logs.mkdirs();
        int[] steps = Arrays.stream(option("steps", "250,500,1000,2000,4000").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        PlayerLoad.joinTimeoutMs = Long.parseLong(option("joinTimeout", "60")) * 1000;
        String label = option("label", "run");
        List<String> tests = new ArrayList<>(Arrays.stream(option("servers", "quarkade,floor,colyseus,idle").split(","))
                .map(String::trim).filter(t -> !t.isEmpty()).toList());
        if (!option("roomSize", "").isEmpty()) {
            tests.add("rooms");
        }
        for (String server : tests) {
            try {
                if (server.equals("rooms")) {
                    runs.add(roomSizeSweep(Arrays.stream(option("roomSize", "").split(",")).mapToInt(Integer::parseInt)
                            .toArray(), Integer.parseInt(option("sweepPlayers", "800"))));
                } else {
                    runs.add(server.startsWith("idle") ? idleTest(server, Integer.parseInt(option("idle", "10000")))
                            : ramp(server, steps));
                }
            } catch (Exception e) {
                // A failed server run is reported in the results, and the others still run.
                e.printStackTrace();
                runs.add(new JsonObject().put("server", server).put("failed", e.toString()).put("steps", new JsonArray()));
            }
            write(label);
        }
    }

    private int decodeEvery() {
        return Integer.parseInt(option("decodeEvery", "8"));
    }

    private boolean nativeGenerator() {
        return !option("generatorTransport", "native").equals("nio");
    }

    /** Writes the results so far: a run cut short still leaves every finished server's numbers. */
    private void write(String label) throws Exception {
        JsonObject result = new JsonObject().put("date", LocalDate.now().toString()).put("label", label)
                .put("machine", Machine.describe(benchDir)).put("options", new JsonObject(new HashMap<>(options)))
                .put("runs", runs).put("summary", Summary.of(runs));
        Path dir = benchDir.toPath().resolve("results");
        Files.createDirectories(dir);
        String base = LocalDate.now() + "-" + label;
        Files.writeString(dir.resolve(base + ".json"), result.encodePrettily());
        Plot.write(runs, dir.resolve(base + ".png").toFile(), "Quarkade benchmark (" + label + ")");
        System.out.println(Summary.table(runs));
        System.out.println(result.getJsonObject("summary").encodePrettily());
        System.out.println("wrote " + dir.resolve(base + ".json") + " and .png");
    }

    private JsonObject ramp(String server, int[] steps) throws Exception {
        double load = ProcStats.waitForQuietMachine(0.7, Long.parseLong(option("maxLoadWait", "600")));
        int port = Integer.parseInt(option("port", "18080"));
        JsonObject run = new JsonObject().put("server", server).put("kind", "ramp").put("loadAtStart", load);
        JsonArray results = new JsonArray();
        try (ServerProcess sp = startServer(server, port); LoadClient load0 = loadFor(server, port)) {
            run.put("command", String.join(" ", sp.command)).put("generatorTransport", load0.transport());
            long heap0 = sp.heapAfterGcKiB();
            run.put("heapAfterGcKiBAtStart", heap0).put("rssKiBAtStart", sp.rssKiB());
            int current = 0;
            for (int n : steps) {
                JsonObject added = load0.addPlayers(n - current);
                current = n;
                Thread.sleep(Long.parseLong(option("warmup", "5")) * 1000);
                double settled = settle(load0);
                JsonObject step = measure(sp, load0);
                step.put("players", n).put("added", added).put("settleSeconds", settled);
                long heap = sp.heapAfterGcKiB();
                int connected = step.getInteger("connected");
                step.put("heapAfterGcKiB", heap).put("rssKiB", sp.rssKiB())
                        .put("heapPerPlayerKiB", connected == 0 ? 0 : (double) (heap - heap0) / connected);
                results.add(step);
                System.out.println(server + " " + Summary.line(step));
                if (server.startsWith("quarkade") && n <= 1000) {
                    typicalFrameBytes = (int) Math.round(step.getDouble("meanFrameBytes"));
                }
                if (step.getDouble("serverCpuPercent") >= SATURATED_CPU_PERCENT
                        || step.getDouble("generatorCpuPercent") >= SATURATED_CPU_PERCENT
                        || connected < 0.9 * n) {
                    run.put("stoppedAfter", n).put("stopReason", "server or generator saturated, or players lost");
                    break;
                }
            }
        }
        run.put("steps", results);
        profile(run, jfrFile(server, ""));
        return run;
    }

    /**
     * After a step's joins and the warm-up, waits (at most {@code settle} seconds, default 30) until the rooms tick at
     * no more than the nominal rate, probing in 2-s windows: a room whose ticks the joins delayed runs them back to
     * back until it has caught up, and a window over that would measure the catch-up rather than steady play.
     * Returns the seconds waited.
     */
    private double settle(LoadClient load) throws Exception {
        long start = System.nanoTime();
        long deadline = start + Long.parseLong(option("settle", "30")) * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            load.startWindow();
            Thread.sleep(2000);
            if (load.endWindow().getDouble("tickRateMean") <= CAUGHT_UP_TICK_RATE) {
                break;
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * One window: the generator's metrics plus server and generator CPU over exactly that window, how busy each of the
     * two cores was (whoever used it: other processes on a shared machine show here), and whether the generator was
     * over {@value #GENERATOR_BOUND_PERCENT}% of its core, in which case the step measured the generator as well.
     */
    private JsonObject measure(ServerProcess sp, LoadClient load) throws Exception {
        long genPid = load.pid();
        double s0 = sp.treeCpuSeconds();
        double g0 = ProcStats.cpuSeconds(genPid);
        long[] serverCore0 = ProcStats.coreJiffies(SERVER_CORE);
        long[] generatorCore0 = ProcStats.coreJiffies(GENERATOR_CORE);
        long startEpochMs = System.currentTimeMillis();
        long t0 = System.nanoTime();
        load.startWindow();
        Thread.sleep(Long.parseLong(option("window", "15")) * 1000);
        JsonObject m = load.endWindow();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double serverCpu = sp.treeCpuSeconds() - s0;
        double genCpu = ProcStats.cpuSeconds(genPid) - g0;
        double genPercent = 100 * genCpu / seconds;
        long frames = m.getLong("framesDown");
        int connected = m.getInteger("connected");
        double serverPercent = 100 * serverCpu / seconds;
        double serverCoreBusy = ProcStats.coreBusyPercent(serverCore0, ProcStats.coreJiffies(SERVER_CORE));
        double generatorCoreBusy = ProcStats.coreBusyPercent(generatorCore0, ProcStats.coreJiffies(GENERATOR_CORE));
        return m.put("windowStartEpochMs", startEpochMs).put("windowEndEpochMs", System.currentTimeMillis())
                .put("serverCpuPercent", serverPercent).put("generatorCpuPercent", genPercent)
                .put("generatorBound", genPercent > GENERATOR_BOUND_PERCENT)
                .put("serverCoreBusyPercent", serverCoreBusy).put("generatorCoreBusyPercent", generatorCoreBusy)
                .put("contended", serverCoreBusy - serverPercent > CONTENDED_PERCENT
                        || generatorCoreBusy - genPercent > CONTENDED_PERCENT)
                .put("serverCpuMicrosPerFrame", frames == 0 ? 0 : serverCpu * 1e6 / frames)
                .put("serverCpuMicrosPerPlayerSecond", connected == 0 ? 0 : serverCpu * 1e6 / seconds / connected);
    }

    /**
     * The room-size sweep: for each size a fresh Quarkade and {@code players} players (rounded down to whole rooms)
     * in rooms of that size, then one window: bytes and server CPU per player per second, per frame, and heap per
     * player. A size the game refuses is recorded with the server's answer; sizes over 16 start the server with
     * {@code quarkade.arena.max-capacity} raised to the size.
     */
    private JsonObject roomSizeSweep(int[] sizes, int players) throws Exception {
        int port = Integer.parseInt(option("port", "18080"));
        JsonObject run = new JsonObject().put("server", "quarkade-rooms").put("kind", "roomSize")
                .put("totalPlayers", players);
        JsonArray results = new JsonArray();
        JsonArray profiles = new JsonArray();
        for (int size : sizes) {
            int n = players / size * size;
            JsonObject step = new JsonObject().put("roomSize", size).put("players", n).put("rooms", n / size)
                    .put("loadAtStart", ProcStats.waitForQuietMachine(0.7, Long.parseLong(option("maxLoadWait", "600"))));
            try (ServerProcess sp = startServer("quarkade", port, "-rooms" + size);
                    PlayerLoad load = new PlayerLoad(PlayerLoad.Mode.QUARKADE, port, size, decodeEvery(),
                            nativeGenerator())) {
                run.put("command", String.join(" ", sp.command)).put("generatorTransport", load.transport());
                long heap0 = sp.heapAfterGcKiB();
                JsonObject added = load.addPlayers(n);
                step.put("added", added);
                if (added.getLong("joined") == 0) {
                    step.put("refused", added.getString("firstFailure"));
                    results.add(step);
                    System.out.println("rooms of " + size + ": refused: " + added.getString("firstFailure"));
                    continue;
                }
                Thread.sleep(Long.parseLong(option("warmup", "5")) * 1000);
                step.put("settleSeconds", settle(load));
                step.mergeIn(measure(sp, load));
                long heap = sp.heapAfterGcKiB();
                int connected = step.getInteger("connected");
                step.put("heapAfterGcKiB", heap).put("rssKiB", sp.rssKiB())
                        .put("heapPerPlayerKiB", connected == 0 ? 0 : (double) (heap - heap0) / connected);
            }
            results.add(step);
            System.out.println("rooms of " + size + ": " + Summary.line(step));
            JsonObject sized = new JsonObject().put("steps", new JsonArray().add(step));
            profile(sized, jfrFile("quarkade", "-rooms" + size));
            if (sized.containsKey("profile")) {
                profiles.add(sized.getJsonObject("profile").put("roomSize", size));
            }
        }
        if (!profiles.isEmpty()) {
            run.put("profiles", profiles);
        }
        return run.put("steps", results);
    }

    /** Idle authenticated players (no input, no decoding) in rooms of 8: join time and memory per connection. */
    private JsonObject idleTest(String test, int target) throws Exception {
        double load = ProcStats.waitForQuietMachine(0.7, Long.parseLong(option("maxLoadWait", "600")));
        int port = Integer.parseInt(option("port", "18080"));
        // "idle" runs the current build, "idle-before" the build in beforeApp.
        String server = test.equals("idle-before") ? "quarkade-before" : "quarkade";
        JsonObject run = new JsonObject().put("server", server + "-idle").put("kind", "idle").put("loadAtStart", load);
        JsonArray results = new JsonArray();
        try (ServerProcess sp = startServer(server, port, "-idle");
                PlayerLoad idle = new PlayerLoad(PlayerLoad.Mode.IDLE, port, RAMP_ROOM_SIZE, 1, nativeGenerator())) {
            run.put("command", String.join(" ", sp.command)).put("generatorTransport", idle.transport());
            long heap0 = sp.heapAfterGcKiB();
            run.put("heapAfterGcKiBAtStart", heap0).put("rssKiBAtStart", sp.rssKiB());
            int current = 0;
            long joined = 0;
            long previousHeap = heap0;
            int previousConnected = 0;
            for (int n : java.util.stream.IntStream.of(1000, 2000, 5000, 10000, 20000).map(x -> Math.min(x, target))
                    .distinct().toArray()) {
                JsonObject added = idle.addPlayers(n - current);
                current = n;
                joined += added.getLong("joined");
                Thread.sleep(3000);
                JsonObject step = measure(sp, idle);
                long heap = sp.heapAfterGcKiB();
                int connected = step.getInteger("connected");
                // Dropped: joined and then closed by the server. Kept at the tick rate: still connected and received
                // at least FULL_RATE_HZ states a second over the window.
                step.put("players", n).put("added", added).put("joinedTotal", joined)
                        .put("neverJoined", n - joined).put("dropped", step.getLong("closedTotal"))
                        .put("heapAfterGcKiB", heap).put("rssKiB", sp.rssKiB())
                        .put("heapPerConnectionKiB", connected == 0 ? 0 : (double) (heap - heap0) / connected)
                        .put("marginalHeapPerConnectionKiB", connected <= previousConnected ? 0
                                : (double) (heap - previousHeap) / (connected - previousConnected))
                        .put("rssPerConnectionKiB", connected == 0 ? 0
                                : (double) (sp.rssKiB() - run.getLong("rssKiBAtStart")) / connected);
                previousHeap = heap;
                previousConnected = connected;
                results.add(step);
                if (!option("histo", "").isEmpty()) {
                    // What the connections retain, class by class: jmap -histo:live (a full GC first) at each size.
                    File histo = new File(option("histo", "") + "-" + server + "-" + n + ".txt");
                    new ProcessBuilder("jmap", "-histo:live", Long.toString(sp.pid())).redirectOutput(histo)
                            .redirectErrorStream(true).start().waitFor();
                    step.put("histogram", histo.getPath());
                }
                System.out.println("idle " + Summary.line(step) + " heap/conn KiB "
                        + step.getDouble("heapPerConnectionKiB") + " at >= " + PlayerLoad.FULL_RATE_HZ + " Hz "
                        + step.getInteger("playersAtFullRate") + " dropped " + step.getLong("dropped"));
                if (connected < 0.95 * n) {
                    run.put("stoppedAfter", n).put("stopReason", "connections refused or closed");
                    break;
                }
            }
        }
        run.put("steps", results);
        profile(run, jfrFile(server, "-idle"));
        return run;
    }

    /**
     * The profile file of a Quarkade server run, or null without {@code jfr}: {@code -before} for the before build,
     * then the test ({@code -idle}, {@code -rooms<n>}) are added to the name so no run overwrites another's.
     */
    private String jfrFile(String server, String test) {
        String jfr = option("jfr", "");
        if (jfr.isEmpty() || !server.startsWith("quarkade")) {
            return null;
        }
        String suffix = (server.equals("quarkade-before") ? "-before" : "") + test;
        return jfr.endsWith(".jfr") ? jfr.substring(0, jfr.length() - 4) + suffix + ".jfr" : jfr + suffix;
    }

    /**
     * After the server stopped (JFR writes the recording at exit): the top frames of each step's window, in the step
     * as {@code profile}; the last window's also in the run, as Markdown and as collapsed stacks beside the recording.
     */
    private void profile(JsonObject run, String jfr) {
        if (jfr == null || !new File(jfr).exists()) {
            return;
        }
        try {
            JsonArray steps = run.getJsonArray("steps");
            List<long[]> windows = new ArrayList<>();
            List<JsonObject> measured = new ArrayList<>();
            for (Object o : steps) {
                JsonObject step = (JsonObject) o;
                if (step.containsKey("windowStartEpochMs")) {
                    windows.add(new long[] { step.getLong("windowStartEpochMs"), step.getLong("windowEndEpochMs") });
                    measured.add(step);
                }
            }
            List<JfrSummary.Window> summaries = JfrSummary.read(Path.of(jfr), windows);
            int top = Integer.parseInt(option("jfrTop", "15"));
            for (int i = 0; i < measured.size(); i++) {
                JsonObject step = measured.get(i);
                step.put("profile", summaries.get(i).toJson(top, step.getLong("framesDown")));
            }
            if (!measured.isEmpty()) {
                JfrSummary.Window last = summaries.get(summaries.size() - 1);
                String base = jfr.endsWith(".jfr") ? jfr.substring(0, jfr.length() - 4) : jfr;
                Files.writeString(Path.of(base + "-top.md"), last.markdown(top, measured.get(measured.size() - 1)
                        .getLong("framesDown")));
                last.writeCollapsed(Path.of(base + "-cpu.collapsed"), Path.of(base + "-alloc.collapsed"));
                run.put("profile", measured.get(measured.size() - 1).getJsonObject("profile").copy()
                        .put("recording", jfr).put("markdown", base + "-top.md"));
                System.out.println("profile of the last window: " + base + "-top.md");
            }
        } catch (Exception e) {
            // A profile that cannot be read costs the summary, never the run's numbers.
            e.printStackTrace();
            run.put("profileError", e.toString());
        }
    }

    private ServerProcess startServer(String server, int port) throws Exception {
        return startServer(server, port, "");
    }

    /** {@code run} names the test in the JFR file, so the idle test's profile does not overwrite the ramp's. */
    private ServerProcess startServer(String server, int port, String run) throws Exception {
        File log = new File(logs, server + "-" + option("label", "run") + ".log");
        String heap = option("serverHeap", "-Xmx2g");
        switch (server) {
            case "quarkade", "quarkade-before": {
                // quarkade runs quarkadeApp (this tree's build by default), quarkade-before runs beforeApp: a copy of
                // target/quarkus-app built from the old code, so one run compares both on the same machine.
                String app = server.equals("quarkade") ? option("quarkadeApp", new File(benchDir, "../target/quarkus-app").getPath())
                        : option("beforeApp", "/tmp/before-app");
                Path tmp = Files.createTempDirectory("quarkade-bench");
                List<String> cmd = new ArrayList<>(List.of("taskset", "-c", "0", "java", "-Xms512m", heap,
                        "-XX:+UseG1GC"));
                String jfr = jfrFile(server, run);
                if (jfr != null) {
                    new File(jfr).delete(); // a recording left by an earlier run must not be summarised as this one's
                    cmd.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
                }
                if (!option("serverJvmArgs", "").isEmpty()) {
                    cmd.addAll(Arrays.asList(option("serverJvmArgs", "").trim().split("\\s+")));
                }
                if (run.startsWith("-rooms")) {
                    // The sweep's large rooms: the arena seats 16 by default, quarkade.arena.max-capacity raises it.
                    cmd.add("-Dquarkade.arena.max-capacity=" + Math.max(16, Integer.parseInt(run.substring(6))));
                }
                cmd.addAll(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                        "-Dquarkus.management.host=127.0.0.1",
                        "-Dquarkus.management.port=" + (port + ServerProcess.MANAGEMENT_OFFSET),
                        "-Dquarkade.embedded-db.data-dir=" + tmp.resolve("pgdata"),
                        "-Dquarkade.jwt.key-dir=" + tmp.resolve("keys"), "-Dquarkus.log.level=WARN",
                        // Thousands of players sign in from this one address.
                        "-Dquarkade.auth.guests-per-address=1000000", "-Dquarkade.auth.logins-per-address=1000000",
                        "-jar", new File(app, "quarkus-run.jar").getCanonicalPath()));
                return ServerProcess.start(server, cmd, benchDir, log, port, "/q/health/ready", null);
            }
            case "floor": {
                String cp = new File(benchDir, "target/classes").getPath() + ":"
                        + Files.readString(benchDir.toPath().resolve("target/classpath.txt")).trim();
                // The floor stays on NIO unless floorTransport=native: the targets compare against the NIO floor.
                List<String> cmd = List.of("taskset", "-c", "0", "java", "-Xms512m", heap, "-XX:+UseG1GC", "-cp", cp,
                        FloorServer.class.getName(), Integer.toString(port), Integer.toString(typicalFrameBytes),
                        Integer.toString(TICK_RATE), Boolean.toString(option("floorTransport", "nio").equals("native")));
                return ServerProcess.start(server, cmd, benchDir, log, port, null, null);
            }
            case "colyseus": {
                List<String> cmd = List.of("taskset", "-c", "0", Machine.peerNode(benchDir), "--expose-gc",
                        "server.js", Integer.toString(port));
                return ServerProcess.start(server, cmd, new File(benchDir, "peers/colyseus"), log, port, null,
                        port + 1);
            }
            default:
                throw new IllegalArgumentException("unknown server " + server);
        }
    }

    private LoadClient loadFor(String server, int port) throws Exception {
        return switch (server) {
            case "quarkade", "quarkade-before" -> new PlayerLoad(PlayerLoad.Mode.QUARKADE, port, RAMP_ROOM_SIZE,
                    decodeEvery(), nativeGenerator());
            case "floor" -> new PlayerLoad(PlayerLoad.Mode.FLOOR, port, RAMP_ROOM_SIZE, decodeEvery(), nativeGenerator());
            default -> new NodeLoad(new File(benchDir, "peers/colyseus"), Machine.peerNode(benchDir), port,
                    new File(logs, "colyseus-load.log"));
        };
    }
}
