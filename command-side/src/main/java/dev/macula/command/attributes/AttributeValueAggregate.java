package dev.macula.command.attributes;

import dev.macula.api.attributes.AttributeMessages.AttributeValueChangedEvent;
import dev.macula.api.attributes.AttributeMessages.AttributeValueColumns;
import dev.macula.api.attributes.AttributeMessages.AttributeValueRecordedEvent;
import dev.macula.api.attributes.AttributeMessages.ChangeAttributeValueCommand;
import dev.macula.api.attributes.AttributeMessages.RecordAttributeValueCommand;
import dev.macula.api.common.ApiException;
import dev.macula.command.common.AggregateCaching;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * What one model said about one attribute of one object. The value's type was checked against the
 * definition by whoever sent the command (definitions are other aggregates); here only its shape:
 * one column set, or none (the original keeps rows whose four columns are NULL). Recording the same
 * value again changes nothing, so an import can be repeated.
 */
@Aggregate(cache = AggregateCaching.CACHE)
public class AttributeValueAggregate {

    @AggregateIdentifier
    private String valueKey;
    private long valueId;
    private String laterality;
    private AttributeValueColumns value;
    private List<Long> inputs;

    protected AttributeValueAggregate() {
        // for Axon
    }

    @CommandHandler
    public AttributeValueAggregate(RecordAttributeValueCommand command) {
        checkShape(command.value(), command.laterality());
        apply(new AttributeValueRecordedEvent(command.valueId(), command.attributeId(), command.modelId(),
                command.entity(), command.laterality(), command.value(), inputsOf(command.inputValueIds())));
    }

    @CommandHandler
    public void handle(ChangeAttributeValueCommand command) {
        checkShape(command.value(), command.laterality());
        List<Long> newInputs = inputsOf(command.inputValueIds());
        if (!Objects.equals(value, command.value()) || !Objects.equals(laterality, command.laterality())
                || !Objects.equals(inputs, newInputs)) {
            apply(new AttributeValueChangedEvent(valueId, command.laterality(), command.value(), newInputs));
        }
    }

    private static void checkShape(AttributeValueColumns value, String laterality) {
        if (value == null || value.present() > 1) {
            throw new ApiException(422, "An attribute value is held in one column: int, float, text or JSON");
        }
        if (laterality != null && !laterality.equals("L") && !laterality.equals("R")) {
            throw new ApiException(422, "Laterality is 'L', 'R' or absent");
        }
    }

    private static List<Long> inputsOf(List<Long> inputs) {
        return inputs == null ? List.of() : inputs.stream().distinct().sorted().toList();
    }

    @EventSourcingHandler
    void on(AttributeValueRecordedEvent event) {
        valueKey = "attribute-value:" + event.valueId();
        valueId = event.valueId();
        laterality = event.laterality();
        value = event.value();
        inputs = event.inputValueIds();
    }

    @EventSourcingHandler
    void on(AttributeValueChangedEvent event) {
        laterality = event.laterality();
        value = event.value();
        inputs = event.inputValueIds();
    }
}
