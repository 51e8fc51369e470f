package dev.quarkade.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.ImageMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

/**
 * Where the embedded database may start: never while the application is built or statically initialised (a native
 * build runs both inside the compiler), never in a native executable, which stops with a message naming the setting.
 */
class EmbeddedDatabaseConfigSourceFactoryTest {

    private static final String URL = "postgresql://db.example:5432/quarkade";

    @Test
    void aNativeExecutableWithoutADatasourceUrlRefusesToStartAndSaysWhatToSet() {
        assertThatThrownBy(() -> EmbeddedDatabaseConfigSourceFactory.sources(configured(Map.of()),
                ExecutionMode.RUNTIME_INIT, ImageMode.NATIVE_RUN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("QUARKUS_DATASOURCE_REACTIVE_URL")
                .hasMessageContaining("embedded database is JVM-only");
    }

    @Test
    void aNativeExecutableWithADatasourceUrlUsesItAndStartsNothing() {
        Iterable<ConfigSource> sources = EmbeddedDatabaseConfigSourceFactory.sources(
                configured(Map.of(EmbeddedDatabaseConfigSourceFactory.REACTIVE_URL, URL)), ExecutionMode.RUNTIME_INIT,
                ImageMode.NATIVE_RUN);

        ConfigSource derived = sources.iterator().next();
        assertThat(derived.getValue(EmbeddedDatabaseConfigSourceFactory.JDBC_URL)).isEqualTo("jdbc:" + URL);
        assertThat(derived.getValue("quarkade.embedded-db.active")).isNull();
    }

    @Test
    void buildTimeAndStaticInitialisationAddNothing() {
        for (ExecutionMode mode : new ExecutionMode[] { ExecutionMode.STATIC_INIT, ExecutionMode.UNSET }) {
            for (ImageMode image : ImageMode.values()) {
                assertThat(EmbeddedDatabaseConfigSourceFactory.sources(configured(Map.of()), mode, image))
                        .as("%s in %s", mode, image).isEmpty();
            }
        }
    }

    private static ConfigSourceContext configured(Map<String, String> values) {
        return new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                String value = values.get(name);
                return value == null ? null : ConfigValue.builder().withName(name).withValue(value).build();
            }

            @Override
            public Iterator<String> iterateNames() {
                return values.keySet().iterator();
            }
        };
    }
}
