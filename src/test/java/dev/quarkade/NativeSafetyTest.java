package dev.quarkade;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Key;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.Timer;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.quarkade.lobby.RoomResource;
import dev.quarkade.room.RoomSummary;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native build freezes: Quarkus initialises classes while the image is built, so whatever a static field or a
 * static initialiser creates lives in the image heap, the same in every process started from it. A random seed, key
 * material, a clock reading or a thread made there is a bug (the native build refuses a Random outright, issue 22);
 * each belongs in a bean, created at run time ({@code auth.RandomTokens}).
 */
class NativeSafetyTest {

    /** Types whose instances must not be made while a native image is built. */
    private static final List<Class<?>> RUN_TIME_ONLY = List.of(Random.class, SplittableRandom.class, Key.class,
            KeyPair.class, Thread.class, Timer.class, ExecutorService.class, Clock.class);

    /** Calls that read the clock: in a static initialiser they would read the build machine's. */
    private static final Set<String> CLOCK_READS = Set.of(Instant.class.getName() + ".now",
            System.class.getName() + ".currentTimeMillis", System.class.getName() + ".nanoTime");

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.quarkade");

    @Test
    void noStaticFieldHoldsARandomAKeyAClockOrAThread() {
        assertThat(staticFieldsOfRunTimeOnlyTypes(MAIN)).as("static fields a native image would freeze").isEmpty();
    }

    @Test
    void noStaticInitialiserMakesOneOrReadsTheClock() {
        assertThat(staticInitialisersThatFreeze(MAIN)).as("static initialisers a native build would run at build time")
                .isEmpty();
    }

    /** What the two rules above must catch. */
    static final class Frozen {
        static final Random SEED = new Random();
        static final long STARTED = System.currentTimeMillis();
    }

    @Test
    void theRulesCatchWhatTheyLookFor() {
        JavaClasses frozen = new ClassFileImporter().importClasses(Frozen.class);
        assertThat(staticFieldsOfRunTimeOnlyTypes(frozen)).singleElement().asString().contains("SEED");
        assertThat(staticInitialisersThatFreeze(frozen)).hasSize(2);
    }

    @Test
    void jsonWrittenThroughAResponseIsRegisteredForReflection() {
        // POST /api/rooms answers a RoomSummary inside a Response, whose entity type Quarkus cannot see at build time;
        // room/ is plain Java, so the registration sits on the resource.
        RegisterForReflection registration = RoomResource.class.getAnnotation(RegisterForReflection.class);
        assertThat(registration).isNotNull();
        assertThat(registration.targets()).contains(RoomSummary.class);
    }

    private static List<String> staticFieldsOfRunTimeOnlyTypes(JavaClasses classes) {
        return classes.stream().flatMap(c -> c.getFields().stream())
                .filter(f -> f.getModifiers().contains(JavaModifier.STATIC))
                .filter(f -> RUN_TIME_ONLY.stream().anyMatch(t -> f.getRawType().isAssignableTo(t)))
                .map(f -> f.getFullName() + " : " + f.getRawType().getName()).toList();
    }

    private static List<String> staticInitialisersThatFreeze(JavaClasses classes) {
        return classes.stream().flatMap(NativeSafetyTest::staticInitialiserCalls)
                .filter(call -> createsRunTimeOnly(call) || readsClock(call))
                .map(JavaAccess::getDescription).toList();
    }

    private static Stream<JavaAccess<?>> staticInitialiserCalls(JavaClass c) {
        return c.getStaticInitializer().stream().flatMap(init -> Stream.concat(
                init.getConstructorCallsFromSelf().stream(), init.getMethodCallsFromSelf().stream()));
    }

    private static boolean createsRunTimeOnly(JavaAccess<?> call) {
        return call.getName().equals("<init>")
                && RUN_TIME_ONLY.stream().anyMatch(t -> call.getTargetOwner().isAssignableTo(t));
    }

    private static boolean readsClock(JavaAccess<?> call) {
        return CLOCK_READS.contains(call.getTargetOwner().getName() + "." + call.getName());
    }
}
