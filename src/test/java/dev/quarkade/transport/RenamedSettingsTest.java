package dev.quarkade.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class RenamedSettingsTest {

    @Test
    void theOldNameOfMaxFramesInFlightStillSetsIt() {
        assertThat(framesInFlight(Map.of("quarkade.room.max-frames-in-flight", "7"))).isEqualTo(7);
    }

    @Test
    void theNewNameWinsOverTheOldWhenBothAreSetInTheSameSource() {
        assertThat(framesInFlight(Map.of("quarkade.room.max-frames-in-flight", "7",
                "quarkade.websocket.max-frames-in-flight", "5"))).isEqualTo(5);
    }

    @Test
    void withNeitherNameTheDefaultHolds() {
        assertThat(framesInFlight(Map.of())).isEqualTo(3);
    }

    private static int framesInFlight(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withInterceptors(new RenamedSettings())
                // "1s" as Quarkus reads durations
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(WebSocketConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return config.getConfigMapping(WebSocketConfig.class).maxFramesInFlight();
    }
}
