package dev.macula.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

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

    /** Reads: {@code …QueryController} → {@code QueryGateway} → {@code …QueryHandler} (docs/architecture.md, Naming). */
    @Test
    void queryControllersOnlyTalkHttpAndSendQueries() {
        noMethods().that().areDeclaredInClassesThat().areAnnotatedWith(RestController.class)
                .should().beAnnotatedWith(QueryHandler.class)
                .check(MACULA);
        noClasses().that().resideInAPackage("dev.macula.query..").and().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().areAssignableTo(JdbcTemplate.class)
                .check(MACULA);
        noClasses().that().resideInAPackage("dev.macula.query..").and().areAnnotatedWith(RestController.class)
                .and().haveSimpleNameNotEndingWith("QueryController")
                .should().dependOnClassesThat().areAssignableTo(QueryGateway.class)
                .check(MACULA);
    }

    /** Shared read code lives in a {@code …Reader}; handlers neither call each other nor send queries. */
    @Test
    void queryHandlersAreNamedSoAndShareReadersNotEachOther() {
        methods().that().areAnnotatedWith(QueryHandler.class)
                .should().beDeclaredInClassesThat().haveSimpleNameEndingWith("QueryHandler")
                .check(MACULA);
        noClasses().that().haveSimpleNameEndingWith("QueryHandler")
                .should().dependOnClassesThat(resideInAPackage("dev.macula..").and(simpleNameEndingWith("QueryHandler")))
                .orShould().dependOnClassesThat().areAssignableTo(QueryGateway.class)
                .check(MACULA);
    }
}
