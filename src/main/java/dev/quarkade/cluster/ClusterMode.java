package dev.quarkade.cluster;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.quarkade.lobby.Lobby;
import dev.quarkade.lobby.LocalLobby;
import dev.quarkade.room.durable.RoomOwners;
import dev.quarkade.room.durable.SingleNodeOwners;

/**
 * Whether this node runs in cluster mode: exactly when a Redis server is configured ({@code quarkus.redis.hosts}, or
 * a hosts provider). Single-node mode is the default. This is the one place that decides it, and so the one place
 * that picks, for each piece that differs between the two modes, the single-node default or the cluster's own.
 */
@ApplicationScoped
public class ClusterMode {

    private final boolean enabled;

    ClusterMode(@ConfigProperty(name = "quarkus.redis.hosts") Optional<String> hosts,
            @ConfigProperty(name = "quarkus.redis.hosts-provider-name") Optional<String> provider) {
        this.enabled = configured(hosts.orElse(null), provider.orElse(null));
    }

    /** Cluster mode is on when either Redis setting has a value: the rule, for beans and config sources alike. */
    static boolean configured(String hosts, String hostsProvider) {
        return hosts != null && !hosts.isBlank() || hostsProvider != null && !hostsProvider.isBlank();
    }

    public boolean enabled() {
        return enabled;
    }

    /** The lobby the REST API and the WebSocket upgrade ask. */
    @Produces
    @ApplicationScoped
    Lobby lobby(LocalLobby local, Instance<ClusterLobby> cluster) {
        return enabled ? cluster.get() : local;
    }

    /** Who is alive, for durable rooms: only this process, or every node whose key is in Redis. */
    @Produces
    @ApplicationScoped
    RoomOwners owners(SingleNodeOwners local, Instance<ClusterRoomOwners> cluster) {
        return enabled ? cluster.get() : local;
    }
}
