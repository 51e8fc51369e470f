package dev.quarkade.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The top frames of a JFR recording (the {@code profile} settings the bench starts the server with), over given
 * windows of wall-clock time, so a profile describes the measurement window and not the start-up or the joins:
 * <ul>
 * <li>CPU by self frame: {@code jdk.ExecutionSample}, threads running Java code, by the frame on top of the stack;</li>
 * <li>in native code: {@code jdk.NativeMethodSample}, threads inside a native method (the socket writes and reads),
 * by that method: JFR's execution samples never see this time; an event loop waiting in epoll_wait is idle, and is
 * counted apart ({@code waitingSamples});</li>
 * <li>allocation by frame and by class: {@code jdk.ObjectAllocationSample} weights (JFR's estimate of the bytes
 * allocated since the thread's previous sample), also per delivered frame, all threads and the Vert.x event loops
 * alone.</li>
 * </ul>
 * Also writes the window's stacks in the collapsed format (one {@code root;...;leaf count} line per stack) that
 * flamegraph.pl and speedscope draw. Run alone: {@code bench/jfr-top.sh <file.jfr> [fromEpochMs toEpochMs] [top]}.
 */
final class JfrSummary {

    private static final String EVENT_LOOP_THREAD = "vert.x-eventloop-thread";
    /** Native methods where an event loop waits for work: idle time, counted apart from the native work. */
    private static final Set<String> WAITING = Set.of("io.netty.channel.epoll.Native.epollWait0",
            "io.netty.channel.epoll.Native.epollWait", "io.netty.channel.epoll.Native.epollBusyWait0",
            "sun.nio.ch.EPoll.wait", "io.netty.incubator.channel.uring.Native.ioUringEnter");

    private JfrSummary() {
    }

    /** What one window of the recording holds. */
    static final class Window {
        final long fromEpochMs;
        final long toEpochMs;
        long firstEventMs = Long.MAX_VALUE;
        long lastEventMs = Long.MIN_VALUE;
        long executionSamples;
        long nativeSamples;
        long waitingSamples;
        double allocatedBytes;
        double eventLoopAllocatedBytes;
        final Map<String, Long> self = new HashMap<>();
        final Map<String, Long> inNative = new HashMap<>();
        final Map<String, Double> allocationByFrame = new HashMap<>();
        final Map<String, Double> allocationByClass = new HashMap<>();
        final Map<String, Long> cpuStacks = new HashMap<>();
        final Map<String, Double> allocationStacks = new HashMap<>();

        Window(long fromEpochMs, long toEpochMs) {
            this.fromEpochMs = fromEpochMs;
            this.toEpochMs = toEpochMs;
        }

        /** The window's length, or the span of its events when it is open-ended (a whole recording). */
        double seconds() {
            long from = Math.max(fromEpochMs, firstEventMs);
            long to = Math.min(toEpochMs, lastEventMs);
            return Math.max(1e-3, (to - from) / 1000.0);
        }

        /** The top frames as JSON; {@code framesDown} (frames the generator received, 0 if unknown) gives bytes per frame. */
        JsonObject toJson(int top, long framesDown) {
            JsonObject json = new JsonObject().put("fromEpochMs", fromEpochMs).put("toEpochMs", toEpochMs)
                    .put("executionSamples", executionSamples).put("nativeSamples", nativeSamples)
                    .put("waitingSamples", waitingSamples)
                    .put("allocatedMBPerSecond", allocatedBytes / seconds() / 1e6)
                    .put("eventLoopAllocatedMBPerSecond", eventLoopAllocatedBytes / seconds() / 1e6);
            if (framesDown > 0) {
                json.put("allocatedBytesPerFrame", allocatedBytes / framesDown)
                        .put("eventLoopAllocatedBytesPerFrame", eventLoopAllocatedBytes / framesDown);
            }
            return json.put("topSelf", counts(self, executionSamples, top))
                    .put("topNative", counts(inNative, nativeSamples, top))
                    .put("topAllocationByFrame", weights(allocationByFrame, top))
                    .put("topAllocationByClass", weights(allocationByClass, top));
        }

        private static JsonArray counts(Map<String, Long> map, long total, int top) {
            JsonArray rows = new JsonArray();
            map.entrySet().stream().sorted(Map.Entry.<String, Long> comparingByValue().reversed()).limit(top)
                    .forEach(e -> rows.add(new JsonObject().put("frame", e.getKey()).put("samples", e.getValue())
                            .put("percent", total == 0 ? 0 : 100.0 * e.getValue() / total)));
            return rows;
        }

        private JsonArray weights(Map<String, Double> map, int top) {
            JsonArray rows = new JsonArray();
            map.entrySet().stream().sorted(Map.Entry.<String, Double> comparingByValue().reversed()).limit(top)
                    .forEach(e -> rows.add(new JsonObject().put("frame", e.getKey())
                            .put("percent", allocatedBytes == 0 ? 0 : 100.0 * e.getValue() / allocatedBytes)
                            .put("mbPerSecond", e.getValue() / seconds() / 1e6)));
            return rows;
        }

        /** The same tables in Markdown, for docs/benchmarks.md. */
        String markdown(int top, long framesDown) {
            JsonObject j = toJson(top, framesDown);
            StringBuilder md = new StringBuilder();
            md.append(String.format("Window %d-%d (%.0f s of events): %d execution samples, %d native-method samples "
                    + "(and %d of event loops waiting for work); allocation %.1f MB/s (event loops %.1f MB/s)", Math.max(fromEpochMs, firstEventMs),
                    Math.min(toEpochMs, lastEventMs), seconds(),
                    executionSamples, nativeSamples, waitingSamples, j.getDouble("allocatedMBPerSecond"),
                    j.getDouble("eventLoopAllocatedMBPerSecond")));
            if (framesDown > 0) {
                md.append(String.format(", %.0f B per delivered frame (event loops %.0f B)",
                        j.getDouble("allocatedBytesPerFrame"), j.getDouble("eventLoopAllocatedBytesPerFrame")));
            }
            md.append("\n\n");
            table(md, "CPU, self frame (jdk.ExecutionSample)", "% of samples", j.getJsonArray("topSelf"));
            table(md, "In native code (jdk.NativeMethodSample)", "% of samples", j.getJsonArray("topNative"));
            table(md, "Allocation by frame (jdk.ObjectAllocationSample)", "% of bytes",
                    j.getJsonArray("topAllocationByFrame"));
            table(md, "Allocation by class", "% of bytes", j.getJsonArray("topAllocationByClass"));
            return md.toString();
        }

        private static void table(StringBuilder md, String title, String unit, JsonArray rows) {
            md.append("| ").append(title).append(" | ").append(unit).append(" |\n|---|---|\n");
            for (Object o : rows) {
                JsonObject r = (JsonObject) o;
                md.append(String.format("| `%s` | %.1f |%n", r.getString("frame"), r.getDouble("percent")));
            }
            md.append('\n');
        }

        void writeCollapsed(Path cpu, Path allocation) throws IOException {
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(cpu))) {
                cpuStacks.forEach((stack, n) -> out.println(stack + " " + n));
            }
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(allocation))) {
                allocationStacks.forEach((stack, bytes) -> out.println(stack + " " + Math.round(bytes)));
            }
        }
    }

    /** Reads the recording once and sorts each event into the window it falls in (windows as {from, to} epoch ms). */
    static List<Window> read(Path jfr, List<long[]> windows) throws IOException {
        List<Window> result = new ArrayList<>();
        for (long[] w : windows) {
            result.add(new Window(w[0], w[1]));
        }
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                String type = e.getEventType().getName();
                if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")
                        && !type.equals("jdk.ObjectAllocationSample")) {
                    continue;
                }
                long at = e.getStartTime().toEpochMilli();
                for (Window w : result) {
                    if (at >= w.fromEpochMs && at < w.toEpochMs) {
                        w.firstEventMs = Math.min(w.firstEventMs, at);
                        w.lastEventMs = Math.max(w.lastEventMs, at);
                        add(w, type, e);
                        break;
                    }
                }
            }
        }
        return result;
    }

    private static void add(Window w, String type, RecordedEvent e) {
        RecordedStackTrace trace = e.getStackTrace();
        if (trace == null || trace.getFrames().isEmpty()) {
            return;
        }
        String top = name(trace.getFrames().get(0));
        switch (type) {
            case "jdk.ExecutionSample" -> {
                w.executionSamples++;
                w.self.merge(top, 1L, Long::sum);
                w.cpuStacks.merge(collapsed(trace), 1L, Long::sum);
            }
            case "jdk.NativeMethodSample" -> {
                if (WAITING.contains(top)) {
                    w.waitingSamples++;
                } else {
                    w.nativeSamples++;
                    w.inNative.merge(top, 1L, Long::sum);
                }
            }
            default -> {
                double bytes = e.getLong("weight");
                w.allocatedBytes += bytes;
                RecordedThread thread = e.getThread("eventThread");
                if (thread != null && thread.getJavaName() != null && thread.getJavaName().startsWith(EVENT_LOOP_THREAD)) {
                    w.eventLoopAllocatedBytes += bytes;
                }
                w.allocationByFrame.merge(top, bytes, Double::sum);
                w.allocationByClass.merge(e.getClass("objectClass").getName(), bytes, Double::sum);
                w.allocationStacks.merge(collapsed(trace), bytes, Double::sum);
            }
        }
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** Root first, leaf last, separated by ';' (no spaces: the count follows the last one). */
    private static String collapsed(RecordedStackTrace trace) {
        List<RecordedFrame> frames = trace.getFrames();
        StringBuilder s = new StringBuilder();
        for (int i = frames.size() - 1; i >= 0; i--) {
            s.append(name(frames.get(i)).replace(' ', '_'));
            if (i > 0) {
                s.append(';');
            }
        }
        return s.toString();
    }

    /** {@code <file.jfr> [fromEpochMs toEpochMs] [top]}: prints the Markdown tables, writes the collapsed stacks beside it. */
    public static void main(String[] args) throws IOException {
        Path jfr = Path.of(args[0]);
        long from = args.length >= 3 ? Long.parseLong(args[1]) : 0;
        long to = args.length >= 3 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        int top = args.length == 2 ? Integer.parseInt(args[1]) : args.length >= 4 ? Integer.parseInt(args[3]) : 20;
        Window w = read(jfr, List.of(new long[] { from, to })).get(0);
        String base = jfr.toString().endsWith(".jfr") ? jfr.toString().substring(0, jfr.toString().length() - 4)
                : jfr.toString();
        w.writeCollapsed(Path.of(base + "-cpu.collapsed"), Path.of(base + "-alloc.collapsed"));
        System.out.print(w.markdown(top, 0));
        System.out.println("collapsed stacks: " + base + "-cpu.collapsed, " + base + "-alloc.collapsed");
    }
}
