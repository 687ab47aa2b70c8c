package dev.weft;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering of dev.weft.internal's package-info, which JPMS cannot police inside one module. */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.weft");

    @Test
    void theRulesSeeTheMainClasses() {
        // Rules over an empty import pass vacuously; make sure the import found the runtime.
        org.junit.jupiter.api.Assertions.assertTrue(MAIN.size() > 30, "imported " + MAIN.size() + " classes");
    }

    @Test
    void utilDependsOnNothingOfWeft() {
        noClasses().that().resideInAPackage("dev.weft.internal.util..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.weft.future..", "dev.weft.runtime..",
                        "dev.weft.internal.task..", "dev.weft.internal.scheduler..", "dev.weft.internal.driver..")
                .check(MAIN);
    }

    @Test
    void theFutureApiKnowsNoThreadsNorTasks() {
        noClasses().that().resideInAPackage("dev.weft.future..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.weft.runtime..", "dev.weft.internal.task..",
                        "dev.weft.internal.scheduler..", "dev.weft.internal.driver..")
                .check(MAIN);
    }

    @Test
    void tasksKnowNoScheduler() {
        noClasses().that().resideInAPackage("dev.weft.internal.task..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.weft.internal.scheduler..", "dev.weft.internal.driver..")
                .check(MAIN);
    }

    @Test
    void schedulersSeeOnlyTheDriversNarrowSurface() {
        // Parking, the runtime context, and the time driver's park-and-fire calls and the hook by
        // which a worker names its timer shard; never the wheel or its entries (and, later,
        // never the selector's keys).
        java.util.Set<String> allowed = java.util.Set.of("Parker", "ThreadParker", "RuntimeContext",
                "RuntimeContext$Owner", "RuntimeContext$Member", "TimeDriver", "TimeDriver$ShardOwner", "IoDriver");
        noClasses().that().resideInAPackage("dev.weft.internal.scheduler..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "driver classes other than " + allowed,
                        c -> c.getPackageName().startsWith("dev.weft.internal.driver")
                                && !allowed.contains(c.getName().substring(c.getPackageName().length() + 1))))
                .check(MAIN);
    }

    @Test
    void timeNetAndStreamsUseDriverHandlesNotSchedulers() {
        noClasses().that().resideInAnyPackage("dev.weft.time..", "dev.weft.stream..", "dev.weft.net..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.weft.runtime..", "dev.weft.internal.task..",
                        "dev.weft.internal.scheduler..")
                .check(MAIN);
    }

    @Test
    void theDriverKnowsNoScheduler() {
        noClasses().that().resideInAPackage("dev.weft.internal.driver..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.weft.internal.scheduler..", "dev.weft.internal.task..",
                        "dev.weft.runtime..")
                .check(MAIN);
    }

    @Test
    void combinatorsAreFinalAndNotPublic() {
        classes().that().resideInAPackage("dev.weft.future").and().haveSimpleNameStartingWith("Future")
                .and().doNotHaveSimpleName("Future").and().doNotHaveSimpleName("Futures")
                .and().doNotHaveSimpleName("FutureSet")
                .and().areTopLevelClasses()
                .should().haveModifier(JavaModifier.FINAL)
                .andShould().notBePublic()
                .check(MAIN);
    }
}
