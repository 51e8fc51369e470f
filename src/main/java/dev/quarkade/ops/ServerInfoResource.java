package dev.quarkade.ops;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** Public facts about this server: version and how many times it has been started on this database. */
@Path("/api/server")
@Produces(MediaType.APPLICATION_JSON)
public class ServerInfoResource {

    /** What GET /api/server answers. */
    @RegisterForReflection // Jackson writes it; in a native image only registered classes can be read reflectively
    public record ServerInfo(String version, long starts) {
    }

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
    String version;

    @GET
    @WithSession
    public Uni<ServerInfo> info() {
        return ServerStart.count().map(starts -> new ServerInfo(version, starts));
    }
}
