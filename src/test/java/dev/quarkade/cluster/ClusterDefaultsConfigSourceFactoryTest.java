package dev.quarkade.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Cluster mode turns durable rooms on by default, whichever way Redis is configured. */
class ClusterDefaultsConfigSourceFactoryTest {

    @Test
    void redisHostsTurnDurableRoomsOn() {
        assertThat(durable(Map.of("quarkus.redis.hosts", "redis://redis:6379"))).contains("true");
    }

    @Test
    void aRedisHostsProviderTurnsDurableRoomsOnToo() {
        assertThat(durable(Map.of("quarkus.redis.hosts-provider-name", "my-provider"))).contains("true");
    }

    @Test
    void withoutRedisNothingChanges() {
        assertThat(durable(Map.of())).isEmpty();
    }

    @Test
    void anOperatorStillTurnsThemOff() {
        assertThat(durable(Map.of("quarkus.redis.hosts", "redis://redis:6379", "quarkade.room.durable", "false")))
                .contains("false");
    }

    @Test
    void clusterModeIsOnForTheSameSettings() {
        assertThat(new ClusterMode(Optional.of("redis://r:6379"), Optional.empty()).enabled()).isTrue();
        assertThat(new ClusterMode(Optional.empty(), Optional.of("my-provider")).enabled()).isTrue();
        assertThat(new ClusterMode(Optional.of(" "), Optional.empty()).enabled()).isFalse();
    }

    private static Optional<String> durable(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "application", 250))
                .withSources(new ClusterDefaultsConfigSourceFactory()).build();
        return config.getOptionalValue("quarkade.room.durable", String.class);
    }
}
