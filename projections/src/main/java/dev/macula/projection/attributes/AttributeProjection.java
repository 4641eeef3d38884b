package dev.macula.projection.attributes;

import dev.macula.api.attributes.AttributeMessages.AttributeDefinedEvent;
import dev.macula.api.attributes.AttributeMessages.AttributeValueChangedEvent;
import dev.macula.api.attributes.AttributeMessages.AttributeValueColumns;
import dev.macula.api.attributes.AttributeMessages.AttributeValueRecordedEvent;
import dev.macula.api.attributes.AttributeMessages.AttributesModelRegisteredEvent;
import dev.macula.api.attributes.AttributeMessages.ModelInput;
import dev.macula.api.attributes.AttributeMessages.ModelOutputsDeclaredEvent;
import dev.macula.projection.common.InlineReadModel;
import dev.macula.projection.common.Times;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * {@code attribute_definition}, what attributes models declare they produce and read
 * ({@code attributes_model_output}, {@code attributes_model_input}; the model row itself is the
 * models projection's), {@code attribute_value} and its provenance {@code attribute_value_input};
 * inline, so an import that breaks the one-value-per-(object, attribute, model) key is refused with
 * its command instead of being logged later.
 */
@Component
@ProcessingGroup(AttributeProjection.GROUP)
@InlineReadModel(tables = {"attribute_value_input", "attribute_value", "attributes_model_input",
        "attributes_model_output", "attribute_definition"})
class AttributeProjection {

    static final String GROUP = "attributes";

    private final JdbcTemplate jdbc;

    AttributeProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AttributeDefinedEvent event, @Timestamp Instant at) {
        jdbc.update("""
                insert into attribute_definition (id, name, data_type, date_inserted) values (?, ?, ?, ?)
                on conflict (id) do nothing""", event.attributeId(), event.name(), event.dataType().name(),
                Times.seconds(at));
    }

    @EventHandler
    void on(AttributesModelRegisteredEvent event) {
        declareOutputs(event.modelId(), event.outputAttributeIds());
        for (ModelInput input : event.inputs() == null ? List.<ModelInput>of() : event.inputs()) {
            jdbc.update("""
                    insert into attributes_model_input (model_id, attribute_id, input_name) values (?, ?, ?)
                    on conflict do nothing""", event.modelId(), input.attributeId(), input.inputName());
        }
    }

    @EventHandler
    void on(ModelOutputsDeclaredEvent event) {
        declareOutputs(event.modelId(), event.attributeIds());
    }

    private void declareOutputs(long modelId, List<Long> attributeIds) {
        for (Long attribute : attributeIds == null ? List.<Long>of() : attributeIds) {
            jdbc.update("insert into attributes_model_output (model_id, attribute_id) values (?, ?) on conflict do nothing",
                    modelId, attribute);
        }
    }

    @EventHandler
    void on(AttributeValueRecordedEvent event, @Timestamp Instant at) {
        AttributeValueColumns value = event.value();
        jdbc.update("""
                insert into attribute_value (id, attribute_id, model_id, entity_kind, entity_id, laterality, value_int,
                    value_float, value_text, value_json, date_inserted, date_modified)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing""",
                event.valueId(), event.attributeId(), event.modelId(), event.entity().kind().name(),
                event.entity().id(), event.laterality(), value.valueInt(), value.valueFloat(), value.valueText(),
                value.valueJson(), Times.seconds(at), Times.seconds(at));
        replaceInputs(event.valueId(), event.inputValueIds());
    }

    @EventHandler
    void on(AttributeValueChangedEvent event, @Timestamp Instant at) {
        AttributeValueColumns value = event.value();
        jdbc.update("""
                update attribute_value set laterality = ?, value_int = ?, value_float = ?, value_text = ?,
                    value_json = ?, date_modified = ? where id = ?""",
                event.laterality(), value.valueInt(), value.valueFloat(), value.valueText(), value.valueJson(),
                Times.seconds(at), event.valueId());
        replaceInputs(event.valueId(), event.inputValueIds());
    }

    private void replaceInputs(long valueId, List<Long> inputs) {
        jdbc.update("delete from attribute_value_input where output_value_id = ?", valueId);
        for (Long input : inputs == null ? List.<Long>of() : inputs) {
            jdbc.update("""
                    insert into attribute_value_input (output_value_id, input_value_id) values (?, ?)
                    on conflict do nothing""", valueId, input);
        }
    }
}
