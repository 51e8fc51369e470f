package dev.quarkade.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What /proc and jcmd tell about a process: CPU time, resident memory, heap after a full GC. */
final class ProcStats {

    /** USER_HZ: the unit of utime and stime in /proc/<pid>/stat; 100 on every Linux we run on. */
    private static final double CLOCK_TICKS_PER_SECOND = 100.0;
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)");

    private ProcStats() {
    }

    /** User plus system CPU seconds the process has used so far. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name in parentheses may hold spaces: count fields after its closing parenthesis.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * Busy and total jiffies of one CPU since boot ({@code /proc/stat}, busy = everything but idle and iowait): the
     * difference over a window tells how busy the core was, whoever used it, so a window where another process took
     * the server's or the generator's core shows as such.
     */
    static long[] coreJiffies(int cpu) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("cpu" + cpu + " ")) {
                    String[] f = line.trim().split("\\s+");
                    long total = 0;
                    for (int i = 1; i < f.length && i <= 8; i++) {
                        total += Long.parseLong(f[i]);
                    }
                    long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                    return new long[] { total - idle, total };
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return new long[] { 0, 0 };
    }

    /** Percent of the time the core was busy between two {@link #coreJiffies} readings. */
    static double coreBusyPercent(long[] before, long[] after) {
        long total = after[1] - before[1];
        return total <= 0 ? Double.NaN : 100.0 * (after[0] - before[0]) / total;
    }

    /** Resident set size in KiB, -1 if the process is gone. */
    static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Live heap in KiB: the bytes {@code jcmd GC.class_histogram} counts in the safepoint of its own full GC, so nothing
     * the server allocates after that GC is counted (the soak, bench/soak.sh, reads the same figure); -1 when jcmd
     * cannot tell (not a JVM, or it timed out).
     */
    static long heapAfterGcKiB(long pid) {
        String histogram = run("jcmd", Long.toString(pid), "GC.class_histogram");
        if (histogram == null) {
            return -1;
        }
        Matcher m = HISTOGRAM_TOTAL.matcher(histogram);
        return m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
    }

    /** The 1-minute load average. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** Waits, polling every 15 s for at most {@code maxWaitSeconds}, until the 1-minute load is below {@code limit}. */
    static double waitForQuietMachine(double limit, long maxWaitSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxWaitSeconds);
        double load = loadAverage();
        while (load >= limit && System.nanoTime() < deadline) {
            System.out.printf("load %.2f >= %.2f, waiting%n", load, limit);
            Thread.sleep(15_000);
            load = loadAverage();
        }
        return load;
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
