package dev.quarkade.cluster;

import java.util.Collections;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Cluster mode turns durable rooms on: with a Redis server configured ({@link ClusterMode}), {@code quarkade.room.durable}
 * defaults to
 * true, so the rooms of a node that dies are restored on another. Below application.properties and everything an
 * operator sets: {@code QUARKADE_ROOM_DURABLE=false} still turns them off.
 */
public class ClusterDefaultsConfigSourceFactory implements ConfigSourceFactory {

    private static final int ORDINAL = 50;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!ClusterMode.configured(value(context, "quarkus.redis.hosts"),
                value(context, "quarkus.redis.hosts-provider-name"))) {
            return Collections.emptyList();
        }
        return Collections.singletonList(new PropertiesConfigSource(Map.of("quarkade.room.durable", "true"),
                "quarkade-cluster-defaults", ORDINAL));
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }
}
