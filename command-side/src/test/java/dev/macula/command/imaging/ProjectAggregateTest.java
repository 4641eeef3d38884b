package dev.macula.command.imaging;

import dev.macula.api.imaging.ImagingCommands.CreateProjectCommand;
import dev.macula.api.imaging.ImagingEvents.ProjectCreatedEvent;
import dev.macula.api.imaging.ProjectId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectAggregateTest {

    private static final ProjectId PROJECT = ProjectId.of(3);

    private AggregateTestFixture<ProjectAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProjectAggregate.class);
    }

    @Test
    void createEmitsProjectCreatedWithExactlyTheCommandsFacts() {
        // every field has a distinct value, so a swapped or dropped field fails the comparison
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(PROJECT, "AMD cohort", "external-flag", "a longitudinal study"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProjectCreatedEvent(PROJECT, "AMD cohort", "external-flag", "a longitudinal study"))
                .expectState(project -> assertThat(project).isNotNull());
    }

    @Test
    void createAsTheImporterDoesKeepsTheNullDescription() {
        // ImageImporter sends ("Y", null) for a project created on the fly
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(PROJECT, "Imported", "Y", null))
                .expectEvents(new ProjectCreatedEvent(PROJECT, "Imported", "Y", null));
    }

    @Test
    void createKeepsTheNameVerbatim() {
        // uniqueness and normalisation live in the read model, not here
        fixture.givenNoPriorActivity()
                .when(new CreateProjectCommand(PROJECT, "  Ünïcödé Name ", null, ""))
                .expectEvents(new ProjectCreatedEvent(PROJECT, "  Ünïcödé Name ", null, ""));
    }
}
