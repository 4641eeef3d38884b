package dev.macula.command.attributes;

import dev.macula.api.attributes.AttributeMessages.AttributesModelRegisteredEvent;
import dev.macula.api.attributes.AttributeMessages.DeclareModelOutputsCommand;
import dev.macula.api.attributes.AttributeMessages.ModelOutputsDeclaredEvent;
import dev.macula.api.attributes.AttributeMessages.RegisterAttributesModelCommand;
import dev.macula.api.common.ApiException;
import dev.macula.command.common.AggregateCaching;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A model that computes attributes (the original's AttributesModel): which attributes it produces
 * and which it reads. Its name is unique among all models, segmentation models included (the
 * {@code model} read model's unique key, docs/api.md §1.3 Model).
 */
@Aggregate(cache = AggregateCaching.CACHE)
public class AttributesModelAggregate {

    @AggregateIdentifier
    private String modelKey;
    private final Set<Long> outputs = new LinkedHashSet<>();

    protected AttributesModelAggregate() {
        // for Axon
    }

    @CommandHandler
    public AttributesModelAggregate(RegisterAttributesModelCommand command) {
        if (command.name() == null || command.name().isBlank() || command.version() == null) {
            throw new ApiException(422, "A model needs a name and a version");
        }
        apply(new AttributesModelRegisteredEvent(command.modelId(), command.name(), command.version(),
                command.description(), List.copyOf(new LinkedHashSet<>(command.outputAttributeIds())),
                List.copyOf(command.inputs())));
    }

    /** Declares what is not declared yet; nothing happens when every attribute is already an output. */
    @CommandHandler
    public void handle(DeclareModelOutputsCommand command) {
        List<Long> added = command.attributeIds().stream().distinct().filter(id -> !outputs.contains(id)).toList();
        if (!added.isEmpty()) {
            apply(new ModelOutputsDeclaredEvent(command.modelId(), added));
        }
    }

    @EventSourcingHandler
    void on(AttributesModelRegisteredEvent event) {
        modelKey = "model:" + event.modelId();
        outputs.addAll(event.outputAttributeIds());
    }

    @EventSourcingHandler
    void on(ModelOutputsDeclaredEvent event) {
        outputs.addAll(event.attributeIds());
    }
}
