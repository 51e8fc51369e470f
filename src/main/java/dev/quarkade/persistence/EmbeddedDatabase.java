package dev.quarkade.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
    private static final String RUNNING_PORT_PROPERTY = "quarkade.embedded-db.running-port.";

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
                builder.setDataDirectory(dir).setCleanDataDirectory(false);
            }
            // The builder registers a shutdown hook that stops the server when the JVM exits.
            EmbeddedPostgres server = builder.start();
            System.setProperty(key, Integer.toString(server.getPort()));
            return server.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }
}
