package dev.quarkade.cluster;

import java.util.Collections;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Defaults that follow from the mode, below application.properties and everything an operator sets. Cluster mode (a
 * Redis server configured, {@link ClusterMode}) turns durable rooms on: {@code quarkade.room.durable} defaults to true,
 * so the rooms of a node that dies are restored on another ({@code QUARKADE_ROOM_DURABLE=false} still turns them off).
 * A single node turns the Redis readiness check off: it has no Redis client, and readiness lists only what it uses.
 */
public class ClusterDefaultsConfigSourceFactory implements ConfigSourceFactory {

    private static final int ORDINAL = 50;
    /** Quarkus's own Redis health check, switched by SmallRye Health's per-check setting. */
    static final String REDIS_READINESS = "quarkus.smallrye-health.check.\"io.quarkus.redis.runtime.client.health.RedisHealthCheck\".enabled";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean cluster = ClusterMode.configured(value(context, "quarkus.redis.hosts"),
                value(context, "quarkus.redis.hosts-provider-name"));
        Map<String, String> defaults = cluster ? Map.of("quarkade.room.durable", "true")
                : Map.of(REDIS_READINESS, "false");
        return Collections.singletonList(new PropertiesConfigSource(defaults, "quarkade-mode-defaults", ORDINAL));
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }
}
