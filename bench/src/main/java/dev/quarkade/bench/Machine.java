package dev.quarkade.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonObject;

/** The machine the numbers come from: cores, CPU model, memory, JDK and Node versions. */
final class Machine {

    private Machine() {
    }

    /** The Node 22 binary of the Colyseus peer, from the npm package "node" (bench/peers/colyseus). */
    static String peerNode(File benchDir) {
        return new File(benchDir, "peers/colyseus/node_modules/node/bin/node").getAbsolutePath();
    }

    static JsonObject describe(File benchDir) {
        String model = "unknown";
        long memKiB = -1;
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(model);
            memKiB = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(-1L);
        } catch (Exception e) {
            // described as unknown
        }
        return new JsonObject().put("nproc", Runtime.getRuntime().availableProcessors())
                .put("onlineCpus", output("nproc", "--all")).put("cpuModel", model).put("memTotalKiB", memKiB)
                .put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
                .put("os", output("uname", "-sr")).put("node", output("node", "--version"))
                .put("peerNode", output(peerNode(benchDir), "--version"));
    }

    private static String output(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (Exception e) {
            return "unknown";
        }
    }
}
