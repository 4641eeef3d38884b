package dev.macula.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module dependency direction: shared-api ← command-side, projections, query-side ← infra ← tools. */
class ArchitectureTest {

    private static final JavaClasses MACULA = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.macula");

    @Test
    void sharedApiDependsOnNoSpringAndNoOtherModule() {
        noClasses().that().resideInAPackage("dev.macula.api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..",
                        "dev.macula.command..", "dev.macula.projection..", "dev.macula.query..", "dev.macula.infra..")
                .check(MACULA);
    }

    @Test
    void commandSideAndQuerySideNeverDependOnEachOther() {
        noClasses().that().resideInAPackage("dev.macula.command..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.macula.query..", "dev.macula.projection..",
                        "dev.macula.infra..")
                .check(MACULA);
        noClasses().that().resideInAPackage("dev.macula.query..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.macula.command..", "dev.macula.projection..",
                        "dev.macula.infra..")
                .check(MACULA);
    }

    @Test
    void projectionsOnlyUseTheSharedApi() {
        noClasses().that().resideInAPackage("dev.macula.projection..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.macula.command..", "dev.macula.query..",
                        "dev.macula.infra..")
                .check(MACULA);
    }

    /** Every read a write needs has a name, in its feature's {@code …Lookups} class; ids come from IdAllocator. */
    @Test
    void onTheCommandSideOnlyLookupsAndTheIdAllocatorTouchTheDatabase() {
        noClasses().that().resideInAPackage("dev.macula.command..")
                .and().haveSimpleNameNotEndingWith("Lookups").and().doNotHaveSimpleName("IdAllocator")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "javax.sql..")
                .check(MACULA);
    }

    @Test
    void noServiceModuleDependsOnTheTools() {
        // the tools (import, rebuild, benchmarks, chaos, synthetic data) are not in the application jar
        noClasses().that().resideInAnyPackage("dev.macula.api..", "dev.macula.command..", "dev.macula.projection..",
                        "dev.macula.query..", "dev.macula.infra..")
                .should().dependOnClassesThat().resideInAPackage("dev.macula.tools..")
                .check(MACULA);
    }

    @Test
    void eventsAreRecordsInTheSharedApi() {
        classes().that().haveSimpleNameEndingWith("Event").and().resideInAPackage("dev.macula..")
                .should().beRecords().andShould().resideInAPackage("dev.macula.api..")
                .andShould().beAnnotatedWith(org.axonframework.serialization.Revision.class)
                .check(MACULA);
    }

    @Test
    void commandsAndQueriesAreRecordsInTheSharedApi() {
        classes().that().haveSimpleNameEndingWith("Command").or().haveSimpleNameEndingWith("Query")
                .and().resideInAPackage("dev.macula..")
                .should().beRecords().andShould().resideInAPackage("dev.macula.api..")
                .check(MACULA);
    }
}
