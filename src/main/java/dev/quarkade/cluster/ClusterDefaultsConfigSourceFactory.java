package dev.quarkade.cluster;

import java.util.Collections;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Cluster mode turns durable rooms on: with {@code quarkus.redis.hosts} set, {@code quarkade.room.durable} defaults to
 * true, so the rooms of a node that dies are restored on another. Below application.properties and everything an
 * operator sets: {@code QUARKADE_ROOM_DURABLE=false} still turns them off.
 */
public class ClusterDefaultsConfigSourceFactory implements ConfigSourceFactory {

    private static final int ORDINAL = 50;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue hosts = context.getValue("quarkus.redis.hosts");
        if (hosts == null || hosts.getValue() == null || hosts.getValue().isBlank()) {
            return Collections.emptyList();
        }
        return Collections.singletonList(new PropertiesConfigSource(Map.of("quarkade.room.durable", "true"),
                "quarkade-cluster-defaults", ORDINAL));
    }
}
