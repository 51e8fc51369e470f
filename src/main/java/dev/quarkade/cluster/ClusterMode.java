package dev.quarkade.cluster;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether this node runs in cluster mode: exactly when a Redis server is configured ({@code quarkus.redis.hosts}, or
 * a hosts provider). Single-node mode is the default.
 */
@ApplicationScoped
public class ClusterMode {

    private final boolean enabled;

    ClusterMode(@ConfigProperty(name = "quarkus.redis.hosts") Optional<String> hosts,
            @ConfigProperty(name = "quarkus.redis.hosts-provider-name") Optional<String> provider) {
        this.enabled = hosts.filter(h -> !h.isBlank()).isPresent() || provider.filter(p -> !p.isBlank()).isPresent();
    }

    public boolean enabled() {
        return enabled;
    }
}
