package dev.quarkade.bench;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonObject;

/**
 * A server under test, started pinned to core 0. Its CPU is that of its whole process tree (Quarkade's embedded
 * PostgreSQL is a child process); its memory is the main process's RSS and, for a JVM, the heap after a full GC.
 */
final class ServerProcess implements AutoCloseable {

    final String name;
    final List<String> command;
    private final Process process;
    private final Integer heapPort;

    private ServerProcess(String name, List<String> command, File dir, File log, Integer heapPort) throws IOException {
        this.name = name;
        this.command = command;
        this.heapPort = heapPort;
        this.process = new ProcessBuilder(command).directory(dir).redirectErrorStream(true)
                .redirectOutput(log).start();
    }

    /** Where a Quarkade server under test gets its management interface: its port plus this. */
    static final int MANAGEMENT_OFFSET = 1000;

    static ServerProcess start(String name, List<String> command, File dir, File log, int port, String readyPath,
            Integer heapPort) throws Exception {
        ServerProcess server = new ServerProcess(name, command, dir, log, heapPort);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!server.process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log);
            }
            // A Quarkade build since issue 18.16 serves /q/* on its management port (port + 1000), older ones on port.
            if (readyPath == null ? listening(port)
                    : answers200(port + MANAGEMENT_OFFSET, readyPath) || answers200(port, readyPath)) {
                return server;
            }
            Thread.sleep(500);
        }
        server.close();
        throw new IllegalStateException(name + " not ready in 180 s; see " + log);
    }

    long pid() {
        return process.pid();
    }

    /** CPU seconds of the server and every process it started. */
    double treeCpuSeconds() {
        double cpu = ProcStats.cpuSeconds(process.pid());
        for (ProcessHandle child : process.descendants().toList()) {
            double c = ProcStats.cpuSeconds(child.pid());
            cpu += Double.isNaN(c) ? 0 : c;
        }
        return cpu;
    }

    long rssKiB() {
        return ProcStats.rssKiB(process.pid());
    }

    /** Heap in use after a full collection, in KiB: jcmd for a JVM, the peer's /heap answer for node. */
    long heapAfterGcKiB() {
        if (heapPort == null) {
            return ProcStats.heapAfterGcKiB(process.pid());
        }
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + heapPort + "/heap"))
                            .timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new JsonObject(r.body()).getLong("heapUsed") / 1024;
        } catch (Exception e) {
            return -1;
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean answers200(int port, String path) {
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: Quarkus shuts down cleanly and stops its embedded PostgreSQL
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
