package dev.quarkade.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A player in a process of its own: it upgrades with {@link RawWebSocket}, answers every Ping with a Pong, and reads
 * on until the server closes. Being a process, a test can freeze it with SIGSTOP: its socket stays open and its
 * kernel keeps acknowledging TCP, but nothing answers the heartbeat any more, which is what a hung client looks like.
 */
public final class PeerProcess implements AutoCloseable {

    private final Process process;

    private PeerProcess(Process process) {
        this.process = process;
    }

    /** Starts the peer and waits until it is upgraded. */
    public static PeerProcess start(String host, int port, String path, String token) throws IOException {
        return start(List.of(), host, port, path, token);
    }

    /** Starts the peer under a command prefix (e.g. {@code ip netns exec <ns>}) and waits until it is upgraded. */
    public static PeerProcess start(List<String> prefix, String host, int port, String path, String token)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(prefix);
        command.addAll(List.of(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                PeerProcess.class.getName(), host, String.valueOf(port), path, token));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"UPGRADED".equals(line)) {
            process.destroyForcibly();
            throw new IOException("peer did not connect: " + line);
        }
        return new PeerProcess(process);
    }

    public long pid() {
        return process.pid();
    }

    /** SIGSTOP: the process stops where it is, its socket left open. */
    public void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    public void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill " + signal + " failed");
        }
    }

    @Override
    public void close() throws Exception {
        thaw();
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }

    public static void main(String[] args) throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(args[0], Integer.parseInt(args[1]), args[2],
                Map.of("Authorization", "Bearer " + args[3]))) {
            System.out.println(ws.status() == 101 ? "UPGRADED" : "STATUS " + ws.status());
            System.out.flush();
            while (true) {
                RawWebSocket.Frame frame = ws.read(60_000);
                if (frame != null && frame.opcode() == RawWebSocket.PING) {
                    ws.send(true, RawWebSocket.PONG, frame.payload());
                } else if (frame != null && frame.opcode() == RawWebSocket.CLOSE) {
                    return;
                }
            }
        }
    }
}
