package dev.quarkade.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The headline numbers: players each server sustains at p99 ≤ 50 ms, what set each limit (the server, or a generator
 * over {@value Bench#GENERATOR_BOUND_PERCENT}% of its core), the ratios, CPU per frame at the steps the generator
 * could drive, and the Markdown tables (ramps, idle test, room-size sweep).
 */
final class Summary {

    static final double P99_LIMIT_MS = 50;
    private static final String GENERATOR_BOUND = "generator-bound";

    private Summary() {
    }

    /** A step is sustained when p99 ≤ 50 ms, 99% of players stay connected and rooms tick at ≥ 90% of 30 Hz. */
    static boolean sustained(JsonObject step) {
        return step.getDouble("latencyP99Ms") <= P99_LIMIT_MS && step.getInteger("connected") >= 0.99 * step.getInteger("players")
                && step.getDouble("tickRateMean") >= 27;
    }

    static String kind(JsonObject run) {
        return run.getString("kind", run.getString("server").endsWith("idle") ? "idle" : "ramp");
    }

    private static boolean generatorBound(JsonObject step) {
        return step.getBoolean("generatorBound", false);
    }

    static JsonObject of(JsonArray runs) {
        JsonObject sustained = new JsonObject();
        JsonObject limitSetBy = new JsonObject();
        JsonObject micros = new JsonObject();
        JsonObject microsByStep = new JsonObject();
        JsonObject generatorBoundFrom = new JsonObject();
        for (int i = 0; i < runs.size(); i++) {
            JsonObject run = runs.getJsonObject(i);
            if (!kind(run).equals("ramp")) {
                continue;
            }
            String server = run.getString("server");
            int best = 0;
            String limit = "not reached in the steps run";
            JsonObject perStep = new JsonObject();
            for (Object o : run.getJsonArray("steps")) {
                JsonObject step = (JsonObject) o;
                if (generatorBound(step) && !generatorBoundFrom.containsKey(server)) {
                    generatorBoundFrom.put(server, step.getInteger("players"));
                }
                if (!generatorBound(step)) {
                    perStep.put(Integer.toString(step.getInteger("players")), step.getDouble("serverCpuMicrosPerFrame"));
                }
                if (sustained(step)) {
                    best = Math.max(best, step.getInteger("players"));
                } else if (limit.startsWith("not")) {
                    // The first step that failed: a generator over its bound measured itself, not only the server.
                    limit = generatorBound(step) ? "generator" : "server";
                }
            }
            sustained.put(server, best);
            limitSetBy.put(server, limit);
            microsByStep.put(server, perStep);
            JsonArray steps = run.getJsonArray("steps");
            if (!steps.isEmpty()) {
                micros.put(server, steps.getJsonObject(steps.size() - 1).getDouble("serverCpuMicrosPerFrame"));
            }
        }
        JsonObject summary = new JsonObject().put("sustainedPlayersAtP99Le50ms", sustained)
                .put("sustainedLimitSetBy", limitSetBy).put("generatorBoundFromPlayers", generatorBoundFrom)
                .put("serverCpuMicrosPerFrameAtStepsNotGeneratorBound", microsByStep)
                .put("serverCpuMicrosPerFrameAtLastStep", micros);
        Integer q = sustained.getInteger("quarkade");
        if (q != null) {
            for (String peer : new String[] { "colyseus", "floor", "quarkade-before" }) {
                Integer p = sustained.getInteger(peer);
                if (p != null && p > 0) {
                    String name = peer.equals("quarkade-before") ? "Before" : Character.toUpperCase(peer.charAt(0)) + peer.substring(1);
                    summary.put("quarkadeTo" + name, (double) q / p);
                }
            }
        }
        return summary;
    }

    static String line(JsonObject s) {
        return String.format("players %d connected %d tick %.1f/%.1f Hz p50/p99/p99.9 %d/%d/%d ms down %.0f up %.0f B/s/player "
                + "frame %.0f B server cpu %.0f%% gen cpu %.0f%%%s (cores busy %.0f%%/%.0f%%%s) %.1f us/frame closed %d",
                s.getInteger("players"), s.getInteger("connected"), s.getDouble("tickRateMean"), s.getDouble("tickRateMin"),
                s.getLong("latencyP50Ms"), s.getLong("latencyP99Ms"), s.getLong("latencyP999Ms"),
                s.getDouble("bytesDownPerPlayerPerSecond"), s.getDouble("bytesUpPerPlayerPerSecond"),
                s.getDouble("meanFrameBytes"), s.getDouble("serverCpuPercent"), s.getDouble("generatorCpuPercent"),
                generatorBound(s) ? " " + GENERATOR_BOUND.toUpperCase() : "", s.getDouble("serverCoreBusyPercent", Double.NaN),
                s.getDouble("generatorCoreBusyPercent", Double.NaN), s.getBoolean("contended", false) ? " CONTENDED" : "",
                s.getDouble("serverCpuMicrosPerFrame"),
                s.getLong("closedTotal"));
    }

    /** The generator's CPU, flagged when it bounds the step; "contended" when other work shared a core. */
    private static String generatorCell(JsonObject s) {
        return String.format("%.0f", s.getDouble("generatorCpuPercent")) + (generatorBound(s) ? " **" + GENERATOR_BOUND + "**" : "")
                + (s.getBoolean("contended", false) ? " (contended)" : "");
    }

    /** Every table the runs have: the ramps, then the idle test, then the room-size sweep. */
    static String table(JsonArray runs) {
        StringBuilder t = new StringBuilder("| server | players | connected | tick Hz mean/min | p50/p99/p99.9 ms | "
                + "down B/s/player | up B/s/player | server CPU % | generator CPU % | CPU µs/frame | RSS MiB | "
                + "heap after GC KiB/player | closed |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        StringBuilder idle = new StringBuilder();
        StringBuilder rooms = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            JsonObject run = runs.getJsonObject(i);
            for (Object o : run.getJsonArray("steps")) {
                JsonObject s = (JsonObject) o;
                switch (kind(run)) {
                    case "idle" -> idle.append(idleRow(run, s));
                    case "roomSize" -> rooms.append(roomRow(s));
                    default -> t.append(String.format("| %s | %d | %d | %.1f / %.1f | %d / %d / %d | %.0f | %.0f | %.0f | %s | %.1f | %d | %.1f | %d |%n",
                            run.getString("server"), s.getInteger("players"), s.getInteger("connected"),
                            s.getDouble("tickRateMean"), s.getDouble("tickRateMin"), s.getLong("latencyP50Ms"),
                            s.getLong("latencyP99Ms"), s.getLong("latencyP999Ms"), s.getDouble("bytesDownPerPlayerPerSecond"),
                            s.getDouble("bytesUpPerPlayerPerSecond"), s.getDouble("serverCpuPercent"), generatorCell(s),
                            s.getDouble("serverCpuMicrosPerFrame"), s.getLong("rssKiB") / 1024,
                            s.getDouble("heapPerPlayerKiB", 0.0), s.getLong("closedTotal")));
                }
            }
        }
        if (!idle.isEmpty()) {
            t.append("\nIdle test (players who join and send nothing; a player is kept at the tick rate when it received ≥ ")
                    .append(PlayerLoad.FULL_RATE_HZ).append(" states/s over the window):\n\n")
                    .append("| server | players | joined | connected | dropped | at ≥ ").append(PlayerLoad.FULL_RATE_HZ)
                    .append(" Hz | below | min Hz | heap after GC KiB/conn | marginal KiB/conn | RSS MiB | server CPU % | generator CPU % |\n")
                    .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n").append(idle);
        }
        if (!rooms.isEmpty()) {
            t.append("\nRoom-size sweep (the same total players in rooms of each size, a fresh server per size):\n\n")
                    .append("| room size | players | rooms | tick Hz mean/min | p50/p99 ms | frame B | down B/s/player | "
                            + "up B/s/player | server CPU % | server CPU µs/player/s | CPU µs/frame | heap KiB/player | generator CPU % |\n")
                    .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n").append(rooms);
        }
        return t.toString();
    }

    private static String idleRow(JsonObject run, JsonObject s) {
        return String.format("| %s | %d | %d | %d | %d | %d | %d | %.1f | %.1f | %.1f | %d | %.0f | %s |%n",
                run.getString("server"), s.getInteger("players"), s.getLong("joinedTotal", 0L), s.getInteger("connected"),
                s.getLong("dropped", s.getLong("closedTotal")), s.getInteger("playersAtFullRate", 0),
                s.getInteger("playersBelowFullRate", 0), s.getDouble("playerStateRateMin", 0.0),
                s.getDouble("heapPerConnectionKiB", 0.0), s.getDouble("marginalHeapPerConnectionKiB", 0.0),
                s.getLong("rssKiB", 0L) / 1024, s.getDouble("serverCpuPercent"), generatorCell(s));
    }

    private static String roomRow(JsonObject s) {
        if (s.containsKey("refused")) {
            return String.format("| %d | %d | %d | refused: %s | | | | | | | | | |%n", s.getInteger("roomSize"),
                    s.getInteger("players"), s.getInteger("rooms"), s.getString("refused"));
        }
        return String.format("| %d | %d | %d | %.1f / %.1f | %d / %d | %.0f | %.0f | %.0f | %.0f | %.1f | %.1f | %.1f | %s |%n",
                s.getInteger("roomSize"), s.getInteger("players"), s.getInteger("rooms"), s.getDouble("tickRateMean"),
                s.getDouble("tickRateMin"), s.getLong("latencyP50Ms"), s.getLong("latencyP99Ms"),
                s.getDouble("meanFrameBytes"), s.getDouble("bytesDownPerPlayerPerSecond"),
                s.getDouble("bytesUpPerPlayerPerSecond"), s.getDouble("serverCpuPercent"),
                s.getDouble("serverCpuMicrosPerPlayerSecond"), s.getDouble("serverCpuMicrosPerFrame"),
                s.getDouble("heapPerPlayerKiB", 0.0), generatorCell(s));
    }
}
