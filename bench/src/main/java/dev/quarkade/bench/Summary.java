package dev.quarkade.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The headline numbers: players each server sustains at p99 ≤ 50 ms, the ratios, and a Markdown table. */
final class Summary {

    static final double P99_LIMIT_MS = 50;

    private Summary() {
    }

    /** A step is sustained when p99 ≤ 50 ms, 99% of players stay connected and rooms tick at ≥ 90% of 30 Hz. */
    static boolean sustained(JsonObject step) {
        return step.getDouble("latencyP99Ms") <= P99_LIMIT_MS && step.getInteger("connected") >= 0.99 * step.getInteger("players")
                && step.getDouble("tickRateMean") >= 27;
    }

    static JsonObject of(JsonArray runs) {
        JsonObject sustained = new JsonObject();
        JsonObject micros = new JsonObject();
        for (int i = 0; i < runs.size(); i++) {
            JsonObject run = runs.getJsonObject(i);
            int best = 0;
            for (Object o : run.getJsonArray("steps")) {
                JsonObject step = (JsonObject) o;
                if (!run.getString("server").endsWith("idle") && sustained(step)) {
                    best = Math.max(best, step.getInteger("players"));
                }
            }
            sustained.put(run.getString("server"), best);
            JsonArray steps = run.getJsonArray("steps");
            if (!steps.isEmpty()) {
                micros.put(run.getString("server"), steps.getJsonObject(steps.size() - 1).getDouble("serverCpuMicrosPerFrame"));
            }
        }
        JsonObject summary = new JsonObject().put("sustainedPlayersAtP99Le50ms", sustained)
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
                + "frame %.0f B server cpu %.0f%% gen cpu %.0f%% %.1f us/frame closed %d", s.getInteger("players"),
                s.getInteger("connected"), s.getDouble("tickRateMean"), s.getDouble("tickRateMin"),
                s.getLong("latencyP50Ms"), s.getLong("latencyP99Ms"), s.getLong("latencyP999Ms"),
                s.getDouble("bytesDownPerPlayerPerSecond"), s.getDouble("bytesUpPerPlayerPerSecond"),
                s.getDouble("meanFrameBytes"), s.getDouble("serverCpuPercent"), s.getDouble("generatorCpuPercent"),
                s.getDouble("serverCpuMicrosPerFrame"), s.getLong("closedTotal"));
    }

    static String table(JsonArray runs) {
        StringBuilder t = new StringBuilder("| server | players | connected | tick Hz mean/min | p50/p99/p99.9 ms | "
                + "down B/s/player | up B/s/player | server CPU % | generator CPU % | CPU µs/frame | RSS MiB | "
                + "heap after GC KiB/player | closed |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < runs.size(); i++) {
            JsonObject run = runs.getJsonObject(i);
            for (Object o : run.getJsonArray("steps")) {
                JsonObject s = (JsonObject) o;
                Double perPlayer = s.getDouble("heapPerPlayerKiB", s.getDouble("heapPerConnectionKiB"));
                t.append(String.format("| %s | %d | %d | %.1f / %.1f | %d / %d / %d | %.0f | %.0f | %.0f | %.0f | %.1f | %d | %.1f | %d |%n",
                        run.getString("server"), s.getInteger("players"), s.getInteger("connected"),
                        s.getDouble("tickRateMean"), s.getDouble("tickRateMin"), s.getLong("latencyP50Ms"),
                        s.getLong("latencyP99Ms"), s.getLong("latencyP999Ms"), s.getDouble("bytesDownPerPlayerPerSecond"),
                        s.getDouble("bytesUpPerPlayerPerSecond"), s.getDouble("serverCpuPercent"),
                        s.getDouble("generatorCpuPercent"), s.getDouble("serverCpuMicrosPerFrame"),
                        s.getLong("rssKiB") / 1024, perPlayer == null ? 0 : perPlayer, s.getLong("closedTotal")));
            }
        }
        return t.toString();
    }
}
