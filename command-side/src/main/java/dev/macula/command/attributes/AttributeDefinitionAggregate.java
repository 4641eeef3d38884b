package dev.macula.command.attributes;

import dev.macula.api.attributes.AttributeMessages.AttributeDefinedEvent;
import dev.macula.api.attributes.AttributeMessages.DefineAttributeCommand;
import dev.macula.api.common.ApiException;
import dev.macula.command.common.AggregateCaching;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An attribute's name and data type. The name is unique across models (the read model's unique key,
 * as the original's {@code uq_AttributeDefinition_AttributeName}); the type never changes, because
 * every value stored so far lives in the column that type names.
 */
@Aggregate(cache = AggregateCaching.CACHE)
public class AttributeDefinitionAggregate {

    @AggregateIdentifier
    private String attributeKey;

    protected AttributeDefinitionAggregate() {
        // for Axon
    }

    @CommandHandler
    public AttributeDefinitionAggregate(DefineAttributeCommand command) {
        if (command.name() == null || command.name().isBlank() || command.name().length() > 255) {
            throw new ApiException(422, "An attribute name has 1 to 255 characters");
        }
        if (command.dataType() == null) {
            throw new ApiException(422, "An attribute needs a data type: String, Float, Int or JSON");
        }
        apply(new AttributeDefinedEvent(command.attributeId(), command.name(), command.dataType()));
    }

    @EventSourcingHandler
    void on(AttributeDefinedEvent event) {
        attributeKey = "attribute:" + event.attributeId();
    }
}
