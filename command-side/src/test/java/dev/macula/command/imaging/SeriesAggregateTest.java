package dev.macula.command.imaging;

import dev.macula.api.imaging.ImagingCommands.CreateSeriesCommand;
import dev.macula.api.imaging.ImagingEvents.SeriesCreatedEvent;
import dev.macula.api.imaging.SeriesId;
import dev.macula.api.imaging.StudyId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesAggregateTest {

    private static final SeriesId SERIES = SeriesId.of(21);
    private static final StudyId STUDY = StudyId.of(17);

    private AggregateTestFixture<SeriesAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SeriesAggregate.class);
    }

    @Test
    void createEmitsSeriesCreatedWithExactlyTheCommandsFacts() {
        // the two UIDs differ, so swapping them fails the comparison
        fixture.givenNoPriorActivity()
                .when(new CreateSeriesCommand(SERIES, STUDY, 4, "1.2.3.series", "1.2.3.study"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SeriesCreatedEvent(SERIES, STUDY, 4, "1.2.3.series", "1.2.3.study"))
                .expectState(series -> assertThat(series).isNotNull());
    }

    @Test
    void createKeepsAbsentNumberAndUids() {
        fixture.givenNoPriorActivity()
                .when(new CreateSeriesCommand(SERIES, STUDY, null, null, null))
                .expectEvents(new SeriesCreatedEvent(SERIES, STUDY, null, null, null));
    }

    @Test
    void createWithOnlyTheStudyInstanceUidKeepsItInItsOwnField() {
        fixture.givenNoPriorActivity()
                .when(new CreateSeriesCommand(SERIES, STUDY, 0, null, "1.2.3.study"))
                .expectEvents(new SeriesCreatedEvent(SERIES, STUDY, 0, null, "1.2.3.study"));
    }
}
