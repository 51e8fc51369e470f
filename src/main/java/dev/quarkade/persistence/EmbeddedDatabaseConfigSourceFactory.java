package dev.quarkade.persistence;

import java.util.Collections;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.ImageMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Points the datasource at an embedded PostgreSQL when no datasource URL is configured.
 *
 * <p>
 * With {@code quarkus.datasource.reactive.url} set (production, docker-compose) it only derives the JDBC URL
 * Flyway needs, when that is missing, and starts nothing. It never runs while the application is being built, and a
 * native executable without a URL stops with a message instead: the embedded server is for the JVM only.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String DATA_DIR = "quarkade.embedded-db.data-dir";
    static final String PORT = "quarkade.embedded-db.port";

    /** Below application.properties (250) and everything an operator sets, so any explicit setting wins. */
    private static final int ORDINAL = 50;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return sources(context, ExecutionMode.current(), ImageMode.current());
    }

    /** What the factory adds in {@code mode}, in a JVM or a native executable ({@code image}). */
    static Iterable<ConfigSource> sources(ConfigSourceContext context, ExecutionMode mode, ImageMode image) {
        if (mode != ExecutionMode.RUNTIME_INIT) {
            // Build time and static init (which a native build runs inside the compiler) must not start a server.
            return Collections.emptyList();
        }
        String reactiveUrl = value(context, REACTIVE_URL);
        if (reactiveUrl != null) {
            if (value(context, JDBC_URL) != null) {
                return Collections.emptyList();
            }
            return source(Map.of(JDBC_URL, "jdbc:" + reactiveUrl.replaceFirst("^vertx-reactive:", "")));
        }
        if (image == ImageMode.NATIVE_RUN) {
            // The embedded server is unpacked from binaries inside the jar and run as processes: never tried in a
            // native executable, which therefore needs its own PostgreSQL (docs/deployment.md).
            throw new IllegalStateException("A native Quarkade needs an external PostgreSQL: set " + REACTIVE_URL
                    + " (QUARKUS_DATASOURCE_REACTIVE_URL), username and password; the embedded database is JVM-only");
        }
        int port = EmbeddedDatabase.ensureStarted(dataDir(context), intValue(context, PORT).orElse(0));
        String hostAndDb = "postgresql://localhost:" + port + "/" + EmbeddedDatabase.DATABASE;
        return source(Map.of(
                REACTIVE_URL, hostAndDb,
                JDBC_URL, "jdbc:" + hostAndDb,
                "quarkus.datasource.username", EmbeddedDatabase.USER,
                "quarkus.datasource.password", EmbeddedDatabase.USER,
                "quarkade.embedded-db.active", "true"));
    }

    private static Iterable<ConfigSource> source(Map<String, String> properties) {
        return Collections.singletonList(new PropertiesConfigSource(properties, "quarkade-embedded-db", ORDINAL));
    }

    private static String dataDir(ConfigSourceContext context) {
        String dir = value(context, DATA_DIR);
        return dir == null ? System.getProperty("user.home") + "/.quarkade/pgdata" : dir;
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }

    private static OptionalInt intValue(ConfigSourceContext context, String name) {
        String v = value(context, name);
        return v == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(v.trim()));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
