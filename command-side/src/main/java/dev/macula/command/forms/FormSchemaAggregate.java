package dev.macula.command.forms;

import dev.macula.api.forms.FormSchemaId;
import dev.macula.api.forms.FormSchemaMessages.CreateFormSchemaCommand;
import dev.macula.api.forms.FormSchemaMessages.FormSchemaCreatedEvent;
import dev.macula.command.common.AggregateCaching;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A form schema; its name is unique (read model). */
@Aggregate(cache = AggregateCaching.CACHE)
public class FormSchemaAggregate {

    @AggregateIdentifier
    private FormSchemaId formSchemaId;

    protected FormSchemaAggregate() {
        // for Axon
    }

    @CommandHandler
    public FormSchemaAggregate(CreateFormSchemaCommand command) {
        apply(new FormSchemaCreatedEvent(command.formSchemaId(), command.name(), command.schema(), command.entityType()));
    }

    @EventSourcingHandler
    void on(FormSchemaCreatedEvent event) {
        formSchemaId = event.formSchemaId();
    }
}
