package dev.quarkade.persistence;

import java.util.List;
import java.util.Map;

import dev.quarkade.testsupport.LocalPostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the app on its own PostgreSQL server, one a test may kill, pause or cut off, and start again. */
public class KillableDatabase implements QuarkusTestProfile {

    static volatile LocalPostgresServer server;

    /** A paused database is noticed (readiness DOWN, a write retried) after 1 s. */
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkade.persistence.database-timeout", "1s", "quarkade.persistence.retry-max-backoff", "500ms");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Server.class));
    }

    /** Starts the server before Quarkus and points the datasource at it. */
    public static class Server implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            try {
                server = LocalPostgresServer.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start PostgreSQL for the test", e);
            }
            return Map.of("quarkus.datasource.reactive.url", server.reactiveUrl(),
                    "quarkus.datasource.jdbc.url", server.jdbcUrl(),
                    "quarkus.datasource.username", LocalPostgresServer.USER,
                    "quarkus.datasource.password", LocalPostgresServer.PASSWORD);
        }

        @Override
        public void stop() {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
