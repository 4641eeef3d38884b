package dev.macula.command.imaging;

import dev.macula.api.imaging.ImagingCommands.RegisterPatientCommand;
import dev.macula.api.imaging.ImagingEnums.Sex;
import dev.macula.api.imaging.ImagingEvents.PatientRegisteredEvent;
import dev.macula.api.imaging.PatientId;
import dev.macula.api.imaging.ProjectId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class PatientAggregateTest {

    private static final PatientId PATIENT = PatientId.of(11);
    private static final ProjectId PROJECT = ProjectId.of(3);
    private static final LocalDate BIRTH = LocalDate.of(1950, 2, 28);

    private AggregateTestFixture<PatientAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PatientAggregate.class);
    }

    @Test
    void registerEmitsPatientRegisteredWithExactlyTheCommandsFacts() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPatientCommand(PATIENT, PROJECT, "P-0001", BIRTH, Sex.F))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PatientRegisteredEvent(PATIENT, PROJECT, "P-0001", BIRTH, Sex.F))
                .expectState(patient -> assertThat(patient).isNotNull());
    }

    @Test
    void registerKeepsTheOtherSex() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPatientCommand(PATIENT, PROJECT, "P-0002", BIRTH, Sex.M))
                .expectEvents(new PatientRegisteredEvent(PATIENT, PROJECT, "P-0002", BIRTH, Sex.M));
    }

    @Test
    void registerKeepsAbsentBirthDateAndSex() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPatientCommand(PATIENT, PROJECT, "anonymous", null, null))
                .expectEvents(new PatientRegisteredEvent(PATIENT, PROJECT, "anonymous", null, null));
    }

    @Test
    void projectIdIsNotConfusedWithThePatientId() {
        PatientId patient = PatientId.of(3);
        ProjectId project = ProjectId.of(11);
        fixture.givenNoPriorActivity()
                .when(new RegisterPatientCommand(patient, project, "P-0003", BIRTH, Sex.F))
                .expectEvents(new PatientRegisteredEvent(patient, project, "P-0003", BIRTH, Sex.F));
    }
}
