package dev.quarkade.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts (or finds again) the embedded PostgreSQL server used when no datasource URL is configured.
 *
 * <p>
 * The server outlives a Quarkus restart in the same JVM: dev-mode hot reload and test classes with
 * different profiles re-run configuration in a new class loader, so the running server is remembered in
 * a system property (visible to every class loader) instead of a static field.
 */
public final class EmbeddedDatabase {

    static final String DATABASE = "postgres";
    static final String USER = "postgres";
    /** The data-dir value that asks for a throwaway cluster. */
    public static final String TEMPORARY = "temporary";
    /** The lock file {@link EmbeddedPostgres} holds in its data directory while a process uses it. */
    private static final String LOCK_FILE = "epg-lock";
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final String RUNNING_PORT_PROPERTY = "quarkade.embedded-db.running-port.";
    /**
     * Applications holding the server at exit. Per class loader: after a dev-mode reload or a test-profile restart
     * the server's hook only waits for the application that started it, which is good enough there.
     */
    private static final AtomicInteger HOLDS = new AtomicInteger();
    /** The longest the server waits at JVM exit for the application to release it. */
    private static final long MAX_HOLD_MS = TimeUnit.SECONDS.toMillis(30);

    private EmbeddedDatabase() {
    }

    /**
     * Returns the port of the embedded server for this data directory, starting it first if needed.
     *
     * @param dataDir where the cluster lives, or {@link #TEMPORARY} for a throwaway cluster deleted at exit
     * @param port the port to listen on, 0 for any free port
     */
    public static synchronized int ensureStarted(String dataDir, int port) {
        String key = RUNNING_PORT_PROPERTY + dataDir;
        String running = System.getProperty(key);
        if (running != null) {
            return Integer.parseInt(running);
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "100")
                    .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                    .setErrorRedirector(ProcessBuilder.Redirect.DISCARD);
            if (port > 0) {
                builder.setPort(port);
            }
            if (TEMPORARY.equals(dataDir)) {
                builder.setDataDirectory(Files.createTempDirectory("quarkade-pg-")).setCleanDataDirectory(true);
            } else {
                Path dir = Path.of(dataDir);
                Files.createDirectories(dir);
                stopLeftOverServer(dir);
                builder.setDataDirectory(dir).setCleanDataDirectory(false);
            }
            EmbeddedPostgres server = builder.setRegisterShutdownHook(false).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopWhenReleased(server), "embedded-pg-stop"));
            System.setProperty(key, Integer.toString(server.getPort()));
            return server.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /**
     * A process killed outright (SIGKILL, the OOM killer) cannot stop its embedded server, which keeps running on the
     * data directory and would refuse the next start. When nobody holds the directory (the lock file of
     * {@link EmbeddedPostgres} is free) but its postmaster is alive, that server is left over: it is asked to shut
     * down (SIGTERM, a smart shutdown: the dead process's sessions are gone already) and awaited, then started anew.
     */
    private static void stopLeftOverServer(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel lockFile = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                return; // a live application holds the directory; its start will say so
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle postmaster = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> servesDirectory(p, dir)).orElse(null);
            if (postmaster == null) {
                return; // a stale pid file (its pid gone or reused): PostgreSQL handles that itself
            }
            LOG.warnf("The embedded PostgreSQL in %s (pid %d) outlived the process that started it; stopping it",
                    dir, pid);
            postmaster.destroy();
            try {
                postmaster.onExit().get(MAX_HOLD_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warnf("The left-over PostgreSQL (pid %d) did not stop in %d ms", pid, MAX_HOLD_MS);
            }
        }
    }

    /** Whether the process is a postmaster running in {@code dir} (its working directory, where Linux shows it). */
    private static boolean servesDirectory(ProcessHandle process, Path dir) {
        if (!process.info().command().map(c -> c.contains("postgres")).orElse(false)) {
            return false;
        }
        Path cwd = Path.of("/proc", String.valueOf(process.pid()), "cwd");
        try {
            return !Files.exists(cwd) || Files.isSameFile(cwd, dir);
        } catch (IOException unreadable) {
            return false;
        }
    }

    /**
     * Keeps the server running at JVM exit until {@link #releaseShutdown()}: the application's own shutdown (which
     * runs in a shutdown hook of its own, at the same time) still has records to write to it.
     */
    public static void holdShutdown() {
        holds().incrementAndGet();
    }

    public static void releaseShutdown() {
        AtomicInteger holds = holds();
        synchronized (holds) {
            holds.decrementAndGet();
            holds.notifyAll();
        }
    }

    private static void stopWhenReleased(EmbeddedPostgres server) {
        AtomicInteger holds = holds();
        long deadline = System.currentTimeMillis() + MAX_HOLD_MS;
        synchronized (holds) {
            long left;
            while (holds.get() > 0 && (left = deadline - System.currentTimeMillis()) > 0) {
                try {
                    holds.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        try {
            server.close();
        } catch (IOException e) {
            // the JVM is exiting; nothing more to do
        }
    }

    private static AtomicInteger holds() {
        return HOLDS;
    }
}
