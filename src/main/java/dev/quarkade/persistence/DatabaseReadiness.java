package dev.quarkade.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Readiness of the database: {@code SELECT 1} over the reactive pool, DOWN when it fails or takes longer than
 * {@code quarkade.persistence.database-timeout}. It replaces the Quarkus datasource check
 * ({@code quarkus.datasource.health.enabled=false}), which waits 20 s for a database that never answers: a paused
 * PostgreSQL accepts connections and queries and stays silent, and readiness must say so within seconds.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

    static final String NAME = "Reactive PostgreSQL connection";

    private final Pool pool;
    private final PersistenceConfig config;

    public DatabaseReadiness(Pool pool, PersistenceConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("SELECT 1").execute()
                .ifNoItem().after(config.databaseTimeout()).fail()
                .map(rows -> HealthCheckResponse.named(NAME).up().build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("error", String.valueOf(failure.getMessage())).build());
    }
}
