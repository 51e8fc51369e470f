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
 * Players in a process of their own: each upgrades with {@link RawWebSocket}, answers every Ping with a Pong, and reads
 * on until the server closes. Being a process, a test can freeze it with SIGSTOP: its sockets stay open and its
 * kernel keeps acknowledging TCP, but nothing answers the heartbeat any more, which is what a hung client looks like.
 * One process holds one connection ({@link #start}) or many ({@link #startMany}), each read by its own thread.
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

    /** One connection for {@link #startMany}: the upgrade path and the access token to send. */
    public record Target(String path, String token) {

        /** {@code count} new guests named {@code prefix0..}, each seated by quick play: one target per guest. */
        public static List<Target> seatedGuests(java.net.URI base, String prefix, int count,
                List<TestPlayer> accounts) {
            List<Target> targets = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                TestPlayer account = TestPlayer.guest(base, prefix + i);
                accounts.add(account);
                targets.add(new Target("/ws/rooms/" + account.quickPlay(), account.accessToken));
            }
            return targets;
        }
    }

    /**
     * Starts one process holding a connection to every target (all upgraded before this returns), under a command
     * prefix as in {@link #start(List, String, int, String, String)}. The targets go through the process's standard
     * input, so a hundred tokens never make a command line too long.
     */
    public static PeerProcess startMany(List<String> prefix, String host, int port, List<Target> targets)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(prefix);
        command.addAll(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                PeerProcess.class.getName(), host, String.valueOf(port)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = new java.io.PrintWriter(process.getOutputStream(), false, StandardCharsets.UTF_8)) {
            targets.forEach(t -> in.println(t.path() + " " + t.token()));
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!("UPGRADED " + targets.size()).equals(line)) {
            process.destroyForcibly();
            throw new IOException("peers did not connect: " + line);
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
        if (args.length == 2) {
            holdMany(args[0], Integer.parseInt(args[1]));
            return;
        }
        try (RawWebSocket ws = RawWebSocket.connect(args[0], Integer.parseInt(args[1]), args[2],
                Map.of("Authorization", "Bearer " + args[3]))) {
            System.out.println(ws.status() == 101 ? "UPGRADED" : "STATUS " + ws.status());
            System.out.flush();
            answerPings(ws);
        }
    }

    /**
     * Connects to every "path token" line of standard input, each answering pings in its own thread from the moment it
     * is upgraded (the others may take longer than a heartbeat timeout to connect on a busy machine).
     */
    private static void holdMany(String host, int port) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<Thread> readers = new java.util.ArrayList<>();
        String line;
        while ((line = in.readLine()) != null && !line.isBlank()) {
            String[] target = line.split(" ", 2);
            RawWebSocket ws = RawWebSocket.connect(host, port, target[0], Map.of("Authorization", "Bearer " + target[1]));
            if (ws.status() != 101) {
                System.out.println("STATUS " + ws.status() + " for " + target[0]);
                System.exit(1);
            }
            Thread reader = new Thread(() -> {
                try {
                    answerPings(ws);
                } catch (IOException closed) {
                    // the server dropped this one; the others go on
                }
            });
            reader.setDaemon(true);
            reader.start();
            readers.add(reader);
        }
        System.out.println("UPGRADED " + readers.size());
        System.out.flush();
        for (Thread reader : readers) {
            reader.join();
        }
    }

    private static void answerPings(RawWebSocket ws) throws IOException {
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
