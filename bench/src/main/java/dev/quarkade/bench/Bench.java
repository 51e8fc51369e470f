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
 * starts the server pinned to core 0, ramps players in rooms of 8 through the steps and measures each; then the
 * idle-connection test on a fresh Quarkade; then writes results/&lt;date&gt;-&lt;label&gt;.json and its plot. This JVM is the
 * generator and runs pinned to core 1 (bench/run.sh). Options are {@code key=value} arguments, see {@link #option}.
 */
public final class Bench {

    private static final int TICK_RATE = 30;
    /** A room ticking faster than this is still catching up ticks the joins delayed (see settle). */
    private static final double CAUGHT_UP_TICK_RATE = TICK_RATE * 1.03;
    private static final double SATURATED_CPU_PERCENT = 95;

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
        for (String server : option("servers", "quarkade,floor,colyseus").split(",")) {
            try {
                runs.add(server.startsWith("idle") ? idleTest(server, Integer.parseInt(option("idle", "10000")))
                        : ramp(server, steps));
            } catch (Exception e) {
                // A failed server run is reported in the results, and the others still run.
                e.printStackTrace();
                runs.add(new JsonObject().put("server", server).put("failed", e.toString()).put("steps", new JsonArray()));
            }
            write(label);
        }
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
        JsonObject run = new JsonObject().put("server", server).put("loadAtStart", load);
        JsonArray results = new JsonArray();
        try (ServerProcess sp = startServer(server, port); LoadClient load0 = loadFor(server, port)) {
            run.put("command", String.join(" ", sp.command));
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
        return run.put("steps", results);
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

    /** One window: the generator's metrics plus server and generator CPU over exactly that window. */
    private JsonObject measure(ServerProcess sp, LoadClient load) throws Exception {
        long genPid = load.pid();
        double s0 = sp.treeCpuSeconds();
        double g0 = ProcStats.cpuSeconds(genPid);
        long t0 = System.nanoTime();
        load.startWindow();
        Thread.sleep(Long.parseLong(option("window", "15")) * 1000);
        JsonObject m = load.endWindow();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double serverCpu = sp.treeCpuSeconds() - s0;
        double genCpu = ProcStats.cpuSeconds(genPid) - g0;
        long frames = m.getLong("framesDown");
        return m.put("serverCpuPercent", 100 * serverCpu / seconds).put("generatorCpuPercent", 100 * genCpu / seconds)
                .put("serverCpuMicrosPerFrame", frames == 0 ? 0 : serverCpu * 1e6 / frames);
    }

    /** Idle authenticated players (no input, no decoding) in rooms of 8: join time and memory per connection. */
    private JsonObject idleTest(String test, int target) throws Exception {
        double load = ProcStats.waitForQuietMachine(0.7, Long.parseLong(option("maxLoadWait", "600")));
        int port = Integer.parseInt(option("port", "18080"));
        // "idle" runs the current build, "idle-before" the build in beforeApp.
        String server = test.equals("idle-before") ? "quarkade-before" : "quarkade";
        JsonObject run = new JsonObject().put("server", server + "-idle").put("loadAtStart", load);
        JsonArray results = new JsonArray();
        try (ServerProcess sp = startServer(server, port, "-idle");
                PlayerLoad idle = new PlayerLoad(PlayerLoad.Mode.IDLE, port)) {
            run.put("command", String.join(" ", sp.command));
            long heap0 = sp.heapAfterGcKiB();
            run.put("heapAfterGcKiBAtStart", heap0).put("rssKiBAtStart", sp.rssKiB());
            int current = 0;
            for (int n : java.util.stream.IntStream.of(1000, 2000, 5000, 10000, 20000).map(x -> Math.min(x, target))
                    .distinct().toArray()) {
                JsonObject added = idle.addPlayers(n - current);
                current = n;
                Thread.sleep(3000);
                JsonObject step = measure(sp, idle);
                long heap = sp.heapAfterGcKiB();
                int connected = step.getInteger("connected");
                step.put("players", n).put("added", added).put("heapAfterGcKiB", heap).put("rssKiB", sp.rssKiB())
                        .put("heapPerConnectionKiB", connected == 0 ? 0 : (double) (heap - heap0) / connected)
                        .put("rssPerConnectionKiB", connected == 0 ? 0
                                : (double) (sp.rssKiB() - run.getLong("rssKiBAtStart")) / connected);
                results.add(step);
                if (!option("histo", "").isEmpty()) {
                    // What the connections retain, class by class: jmap -histo:live (a full GC first) at each size.
                    File histo = new File(option("histo", "") + "-" + server + "-" + n + ".txt");
                    new ProcessBuilder("jmap", "-histo:live", Long.toString(sp.pid())).redirectOutput(histo)
                            .redirectErrorStream(true).start().waitFor();
                    step.put("histogram", histo.getPath());
                }
                System.out.println("idle " + Summary.line(step) + " heap/conn KiB "
                        + step.getDouble("heapPerConnectionKiB"));
                if (connected < 0.95 * n) {
                    run.put("stoppedAfter", n).put("stopReason", "connections refused or closed");
                    break;
                }
            }
        }
        return run.put("steps", results);
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
                if (!option("jfr", "").isEmpty()) {
                    String jfr = option("jfr", "");
                    String suffix = (server.equals("quarkade-before") ? "-before" : "") + run;
                    jfr = jfr.endsWith(".jfr") ? jfr.substring(0, jfr.length() - 4) + suffix + ".jfr" : jfr + suffix;
                    cmd.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
                }
                if (!option("serverJvmArgs", "").isEmpty()) {
                    cmd.addAll(Arrays.asList(option("serverJvmArgs", "").trim().split("\\s+")));
                }
                cmd.addAll(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                        "-Dquarkade.embedded-db.data-dir=" + tmp.resolve("pgdata"),
                        "-Dquarkade.jwt.key-dir=" + tmp.resolve("keys"), "-Dquarkus.log.level=WARN",
                        "-jar", new File(app, "quarkus-run.jar").getCanonicalPath()));
                return ServerProcess.start(server, cmd, benchDir, log, port, "/q/health/ready", null);
            }
            case "floor": {
                String cp = new File(benchDir, "target/classes").getPath() + ":"
                        + Files.readString(benchDir.toPath().resolve("target/classpath.txt")).trim();
                List<String> cmd = List.of("taskset", "-c", "0", "java", "-Xms512m", heap, "-XX:+UseG1GC", "-cp", cp,
                        FloorServer.class.getName(), Integer.toString(port), Integer.toString(typicalFrameBytes),
                        Integer.toString(TICK_RATE));
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
            case "quarkade", "quarkade-before" -> new PlayerLoad(PlayerLoad.Mode.QUARKADE, port);
            case "floor" -> new PlayerLoad(PlayerLoad.Mode.FLOOR, port);
            default -> new NodeLoad(new File(benchDir, "peers/colyseus"), Machine.peerNode(benchDir), port,
                    new File(logs, "colyseus-load.log"));
        };
    }
}
