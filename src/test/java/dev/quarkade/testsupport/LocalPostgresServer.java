package dev.quarkade.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server from the machine's binaries (Debian's postgresql package), on a free port and a
 * throwaway data directory: the "external database" of production, for tests.
 *
 * <p>
 * PostgreSQL refuses to run as root, so as root the server runs as the {@code postgres} user the package creates.
 */
public final class LocalPostgresServer implements AutoCloseable {

    public static final String USER = "quarkade";
    public static final String PASSWORD = "quarkade-test";
    public static final String DATABASE = "quarkade";

    private final Path binDir;
    private final Path dataDir;
    private final int port;
    private volatile boolean running;

    private LocalPostgresServer(Path binDir, Path dataDir, int port) {
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Initialises a new cluster with a password-protected user and database, and starts it. */
    public static LocalPostgresServer start() throws IOException, InterruptedException {
        LocalPostgresServer server = new LocalPostgresServer(findBinaries(), Files.createTempDirectory("quarkade-extpg-"),
                freePort());
        // A test that dies half-way must not leave a server behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (server.running) {
                    server.stop();
                }
            } catch (IOException | InterruptedException ignored) {
                // the JVM is exiting; nothing more to do
            }
        }));
        server.initdb();
        server.startServer();
        return server;
    }

    public int port() {
        return port;
    }

    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String jdbcUrl() {
        return "jdbc:" + reactiveUrl();
    }

    /** A JDBC connection to the application database as the application user. */
    public Connection connect() throws SQLException {
        return connectTo(DATABASE);
    }

    private Connection connectTo(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, USER, PASSWORD);
    }

    /** Stops the server quickly (in-flight transactions are rolled back), keeping its data. */
    public void stop() throws IOException, InterruptedException {
        pgCtl("-m", "fast", "stop");
        running = false;
    }

    /**
     * Kills the server as a crash would: SIGKILL to the postmaster, no shutdown. Waits until its backends have noticed
     * and gone, so that {@link #startServer} (which then runs crash recovery) finds the shared memory free.
     */
    public void kill() throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        run(List.of("kill", "-9", String.valueOf(pid)));
        running = false;
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> ProcessHandle
                .allProcesses().noneMatch(p -> p.parent().map(ProcessHandle::pid).orElse(-1L) == pid || p.pid() == pid));
    }

    /**
     * Freezes the whole server with SIGSTOP: the postmaster and every backend. Its sockets stay open and the kernel
     * still accepts connections and takes queries, but nothing answers: what a hung or swapped-out database looks like.
     */
    public void pause() throws IOException, InterruptedException {
        signalAll("-STOP");
    }

    /** SIGCONT to the postmaster and every backend: the server answers what it was sent meanwhile. */
    public void resume() throws IOException, InterruptedException {
        signalAll("-CONT");
    }

    /**
     * Terminates every backend serving the application database, as an operator's {@code pg_terminate_backend} or a
     * failover would; the server stays up. Answers how many were terminated.
     */
    public int terminateBackends() throws SQLException {
        try (Connection c = connectTo("postgres");
                var rows = c.createStatement().executeQuery(
                        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '"
                                + DATABASE + "' AND pid <> pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** The postmaster first, so that it forks no backend the second signal would miss; then its children. */
    private void signalAll(String signal) throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        run(List.of("kill", signal, String.valueOf(pid)));
        List<String> children = new ArrayList<>(List.of("kill", signal));
        ProcessHandle.allProcesses().filter(p -> p.parent().map(ProcessHandle::pid).orElse(-1L) == pid)
                .forEach(p -> children.add(String.valueOf(p.pid())));
        if (children.size() > 2) {
            run(children);
        }
    }

    /** Starts the server again on the same port and data, and waits until it accepts connections. */
    public void startServer() throws IOException, InterruptedException {
        pgCtl("-l", dataDir.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1", "start");
        running = true;
    }

    private void pgCtl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w"));
        command.addAll(List.of(args));
        run(asServerUser(command));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (running) {
            stop();
        }
        try (var files = Files.walk(dataDir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    private void initdb() throws IOException, InterruptedException {
        Path passwordFile = Files.createTempFile("quarkade-pgpass", ".txt");
        Files.writeString(passwordFile, PASSWORD);
        if (isRoot()) {
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            run(List.of("chown", "postgres:postgres", dataDir.toString(), passwordFile.toString()));
        }
        run(asServerUser(List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", USER,
                "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF-8", "--no-sync")));
        Files.delete(passwordFile);
        startServer();
        try (Connection c = connectTo("postgres")) {
            c.createStatement().execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IOException(e);
        }
        stop();
    }

    private static List<String> asServerUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static Path findBinaries() {
        String configured = System.getenv("QUARKADE_TEST_PG_BIN");
        List<Path> candidates = new ArrayList<>();
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        for (String version : List.of("17", "16", "15", "14")) {
            candidates.add(Path.of("/usr/lib/postgresql", version, "bin"));
        }
        return candidates.stream().filter(p -> Files.isExecutable(p.resolve("postgres"))).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "No PostgreSQL server binaries: install them (apt-get install postgresql) or set QUARKADE_TEST_PG_BIN"));
    }

    /** A TCP port free right now on this machine. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
