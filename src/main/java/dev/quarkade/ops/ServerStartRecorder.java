package dev.quarkade.ops;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.quarkade.node.NodeName;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/** Records each start in {@code server_starts} and logs one line saying what this process runs on. */
@ApplicationScoped
public class ServerStartRecorder {

    private static final Logger LOG = Logger.getLogger(ServerStartRecorder.class);

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
    String version;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String databaseUrl;

    @ConfigProperty(name = "quarkade.embedded-db.active", defaultValue = "false")
    boolean embedded;

    @ConfigProperty(name = "quarkade.embedded-db.data-dir")
    String embeddedDataDir;

    void onStart(@Observes StartupEvent event) {
        LOG.infof("Quarkade %s on port %d, database %s", version, port, describeDatabase());
        // Fire and forget: a database that is down must not stop the game server from starting.
        // Startup runs on the main thread; Hibernate Reactive needs a Vert.x context, which this provides.
        VertxContextSupport.subscribe(() -> record().toMulti(), subscription -> subscription.with(
                start -> LOG.debugf("Recorded start #%d", start.id),
                failure -> LOG.warnf("Could not record this start: %s", failure.getMessage())));
    }

    Uni<ServerStart> record() {
        ServerStart start = new ServerStart();
        start.startedAt = Instant.now();
        start.version = version;
        start.host = NodeName.get();
        return Panache.withTransaction(start::persist).replaceWith(start);
    }

    private String describeDatabase() {
        if (embedded) {
            return "embedded PostgreSQL (" + embeddedDataDir
                    + ") at " + databaseUrl;
        }
        // Never log credentials: keep only host, port and database.
        return "external PostgreSQL at " + databaseUrl.replaceFirst("//[^@/]*@", "//");
    }
}
