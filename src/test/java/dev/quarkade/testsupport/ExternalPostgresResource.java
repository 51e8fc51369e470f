package dev.quarkade.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the application under test against a real {@link LocalPostgresServer} instead of the embedded one; a test
 * gets the server (to stop and start it) in a field annotated {@link InjectPostgres}.
 */
public class ExternalPostgresResource implements QuarkusTestResourceLifecycleManager {

    /** Marks the test's {@link LocalPostgresServer} field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectPostgres {
    }

    private LocalPostgresServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = LocalPostgresServer.start();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start PostgreSQL", e);
        }
        return Map.of("quarkus.datasource.reactive.url", server.reactiveUrl(),
                "quarkus.datasource.jdbc.url", server.jdbcUrl(),
                "quarkus.datasource.username", LocalPostgresServer.USER,
                "quarkus.datasource.password", LocalPostgresServer.PASSWORD);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectPostgres.class, LocalPostgresServer.class));
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop PostgreSQL", e);
        }
    }
}
