package dev.quarkade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappingInterface;
import io.smallrye.config.ConfigMappings;

/**
 * README.md's configuration table is the list of every Quarkade setting: this holds it against the
 * {@code @ConfigMapping}s, where each default is written once, so the table cannot drift from the code.
 */
class SettingsDocumentedTest {

    /**
     * Settings read without a mapping, each for a reason: the embedded database's are read while the configuration is
     * still being built (before any mapping exists); the origins list would need a mapping rooted at "quarkade",
     * which would claim every quarkade.* key; the client watch is a dev-mode switch of a build-time extension.
     */
    static final Set<String> OUTSIDE_MAPPINGS = Set.of("quarkade.embedded-db.data-dir", "quarkade.embedded-db.port",
            "quarkade.allowed-origins", "quarkade.dev.client-watch");

    private static final Pattern ROW = Pattern.compile("^\\| `(quarkade\\.[a-z0-9.-]+)` \\| ([^|]*) \\|", Pattern.MULTILINE);

    @Test
    void everyMappedSettingIsInTheReadmeWithItsDefault() throws IOException {
        Map<String, String> documented = readmeRows();
        Map<String, ConfigMappingInterface.Property> mapped = mappedSettings();
        assertThat(documented.keySet()).as("README.md's table lists every mapped setting").containsAll(mapped.keySet());
        mapped.forEach((name, property) -> {
            String column = documented.get(name);
            if (property.hasDefaultValue()) {
                assertThat(column).as("README.md gives the default of " + name)
                        .contains("`" + property.getDefaultValue() + "`");
            } else {
                assertThat(column).as(name + " has no default: README.md says what unset means")
                        .containsAnyOf("unset", "none", "derived", "the public URL");
            }
        });
    }

    @Test
    void everySettingInTheReadmeExists() throws IOException {
        Set<String> known = new java.util.TreeSet<>(mappedSettings().keySet());
        known.addAll(OUTSIDE_MAPPINGS);
        known.addAll(DEPRECATED_NAMES);
        assertThat(known).as("every quarkade.* row of README.md names a setting the code reads")
                .containsAll(readmeRows().keySet());
    }

    /** Old names still read, each documented as deprecated next to its new name. */
    static final Set<String> DEPRECATED_NAMES = Set.of("quarkade.room.max-frames-in-flight");

    private static Map<String, String> readmeRows() throws IOException {
        Map<String, String> rows = new TreeMap<>();
        Matcher m = ROW.matcher(Files.readString(Path.of("README.md")));
        while (m.find()) {
            rows.put(m.group(1), m.group(2));
        }
        return rows;
    }

    /** Every leaf of every @ConfigMapping of the main classes, by its full name (deprecated ones left out). */
    private static Map<String, ConfigMappingInterface.Property> mappedSettings() {
        Map<String, ConfigMappingInterface.Property> settings = new TreeMap<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.quarkade")) {
            if (!c.isAnnotatedWith(ConfigMapping.class)) {
                continue;
            }
            Class<?> type = c.reflect();
            String prefix = type.getAnnotation(ConfigMapping.class).prefix();
            ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(type, prefix)).forEach((name, p) -> {
                if (!p.getMethod().isAnnotationPresent(Deprecated.class) && !name.endsWith("[*]")) { // a list: one row
                    settings.put(name, p);
                }
            });
        }
        return settings;
    }
}
