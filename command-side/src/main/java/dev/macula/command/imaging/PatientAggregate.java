package dev.macula.command.imaging;

import dev.macula.api.imaging.ImagingCommands.RegisterPatientCommand;
import dev.macula.api.imaging.ImagingEvents.PatientRegisteredEvent;
import dev.macula.api.imaging.PatientId;
import dev.macula.command.common.AggregateCaching;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A patient of one project; the identifier is unique within the project (read model). */
@Aggregate(cache = AggregateCaching.CACHE)
public class PatientAggregate {

    @AggregateIdentifier
    private PatientId patientId;

    protected PatientAggregate() {
        // for Axon
    }

    @CommandHandler
    public PatientAggregate(RegisterPatientCommand command) {
        apply(new PatientRegisteredEvent(command.patientId(), command.projectId(), command.identifier(),
                command.birthDate(), command.sex()));
    }

    @EventSourcingHandler
    void on(PatientRegisteredEvent event) {
        patientId = event.patientId();
    }
}
