package dev.quarkade;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The package graph of docs/architecture.md, held against the compiled main classes: each package may use only the
 * packages listed for it, so the graph stays one-way; the pure packages use nothing of Quarkus, Vert.x or Netty.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.quarkade";

    /** Each package (below dev.quarkade) and the packages it may use: the drawing of docs/architecture.md. */
    static final Map<String, Set<String>> ALLOWED = new TreeMap<>(Map.ofEntries(
            Map.entry("api", Set.of()),
            Map.entry("node", Set.of()),
            Map.entry("persistence", Set.of()),
            Map.entry("protocol", Set.of()),
            Map.entry("sync", Set.of("protocol")),
            Map.entry("game", Set.of("sync")),
            Map.entry("game.arena", Set.of("game", "sync", "protocol")),
            Map.entry("room", Set.of("game", "sync", "protocol")),
            Map.entry("testing", Set.of("room", "game", "sync", "protocol")),
            Map.entry("room.runtime", Set.of("room", "game", "protocol", "node")),
            Map.entry("room.durable", Set.of("room", "room.runtime", "protocol", "node")),
            Map.entry("lobby", Set.of("game", "room", "room.runtime", "room.durable", "node", "api", "auth")),
            Map.entry("cluster",
                    Set.of("lobby", "game", "room", "room.runtime", "room.durable", "node", "api", "auth")),
            Map.entry("transport",
                    Set.of("lobby", "game", "room", "room.runtime", "protocol", "auth", "audit", "persistence",
                            "node")),
            Map.entry("player", Set.of("api")),
            Map.entry("auth", Set.of("player", "api")),
            Map.entry("audit", Set.of("api", "auth", "persistence", "node")),
            Map.entry("match", Set.of("api", "game", "room", "room.runtime", "persistence")),
            Map.entry("admin", Set.of("api", "audit", "auth", "player", "room", "room.runtime")),
            Map.entry("ops", Set.of("node", "persistence"))));

    /** Plain Java: the bench compiles protocol/ and sync/ alone, and a room is driven by its tick, not a framework. */
    static final Set<String> PURE = Set.of("protocol", "sync", "game", "room", "testing");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    @Test
    void everyPackageIsInTheDrawing() {
        Set<String> packages = CLASSES.stream().map(ArchitectureTest::packageOf)
                .filter(p -> !p.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(ALLOWED.keySet())
                .as("docs/architecture.md and ArchitectureTest.ALLOWED list every package")
                .containsAll(packages);
    }

    @Test
    void packagesUseOnlyThePackagesTheDrawingAllows() {
        classes().should(useOnlyThePackagesTheDrawingAllows()).check(CLASSES);
    }

    @Test
    void noTwoPackagesUseEachOther() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void thePurePackagesUseNoFramework() {
        for (String pure : PURE) {
            noClasses().that().resideInAPackage(ROOT + "." + pure)
                    .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.vertx..", "io.netty..",
                            "io.smallrye..", "jakarta..")
                    .because(pure + " is plain Java (docs/architecture.md)").check(CLASSES);
        }
    }

    private static ArchCondition<JavaClass> useOnlyThePackagesTheDrawingAllows() {
        return new ArchCondition<>("use only the packages the drawing of docs/architecture.md allows") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String from = packageOf(item);
                Set<String> allowed = ALLOWED.getOrDefault(from, Set.of());
                for (Dependency d : item.getDirectDependenciesFromSelf()) {
                    String to = packageOf(d.getTargetClass());
                    if (to != null && !to.equals(from) && !to.isEmpty() && !allowed.contains(to)) {
                        events.add(SimpleConditionEvent.violated(item, from + " -> " + to + ": "
                                + d.getDescription()));
                    }
                }
            }
        };
    }

    /** The package below dev.quarkade ("" for dev.quarkade itself), or null outside it. */
    private static String packageOf(JavaClass c) {
        String name = c.getPackageName();
        if (name.equals(ROOT)) {
            return "";
        }
        return name.startsWith(ROOT + ".") ? name.substring(ROOT.length() + 1) : null;
    }
}
