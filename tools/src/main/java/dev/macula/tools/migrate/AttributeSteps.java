package dev.macula.tools.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.attributes.AttributeDataType;
import dev.macula.api.attributes.AttributeEntity;
import dev.macula.api.attributes.CanonicalJson;
import dev.macula.api.attributes.AttributeMessages;
import dev.macula.api.attributes.AttributeMessages.AttributeValueColumns;
import dev.macula.api.attributes.AttributeMessages.DefineAttributeCommand;
import dev.macula.api.attributes.AttributeMessages.ModelInput;
import dev.macula.api.attributes.AttributeMessages.RecordAttributeValueCommand;
import dev.macula.api.attributes.AttributeMessages.RegisterAttributesModelCommand;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.imaging.PatientId;
import dev.macula.api.imaging.StudyId;
import dev.macula.api.segmentation.ModelMessages;
import dev.macula.api.segmentation.SegmentationId;
import dev.macula.tools.migrate.MigrationWriter.Outcome;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Attribute definitions, attributes models (with their declared outputs and inputs) and attribute
 * values (with their provenance), ids kept. The original records no time for definitions and
 * values: they are stamped with the time of the model that declares or produced them, and by the
 * migration itself, since the original does not say who ran the model.
 */
final class AttributeSteps {

    private final MigrationWriter writer;

    AttributeSteps(MigrationWriter writer) {
        this.writer = writer;
    }

    List<Step> steps() {
        return List.of(
                Step.of("AttributeDefinition", """
                        select d.*, (select min(m.DateInserted) from `AttributesModelOutput` o
                                     join `Model` m on m.ModelID = o.ModelID where o.AttributeID = d.AttributeID)
                                    as FirstDeclared
                        from `AttributeDefinition` d""", "d.AttributeID", this::definition)
                        .creating(AttributeMessages::attributeKey),
                Step.of("AttributesModel", """
                        select m.*,
                               (select group_concat(o.AttributeID order by o.AttributeID) from `AttributesModelOutput` o
                                where o.ModelID = m.ModelID) as Outputs,
                               (select json_arrayagg(json_object('id', i.InputAttributeID, 'name', i.InputName))
                                from `ModelInput` i where i.ModelID = m.ModelID) as Inputs
                        from `Model` m join `AttributesModel` am on am.ModelID = m.ModelID""", "m.ModelID", this::model)
                        .creating(ModelMessages::modelKey),
                Step.of("AttributeValue", """
                        select v.*, d.AttributeDataType, m.DateInserted as ModelDateInserted,
                               (select group_concat(i.InputAttributeValueID order by i.InputAttributeValueID)
                                from `AttributeValueInput` i where i.OutputAttributeValueID = v.AttributeValueID) as Inputs
                        from `AttributeValue` v
                        join `AttributeDefinition` d on d.AttributeID = v.AttributeID
                        join `Model` m on m.ModelID = v.ModelID""", "v.AttributeValueID", this::value)
                        .creating(AttributeMessages::valueKey).inParallel());
    }

    private Outcome definition(SourceRow row) throws Exception {
        long id = row.id("AttributeID");
        if (writer.exists(AttributeMessages.attributeKey(id))) {
            return Outcome.ALREADY;
        }
        return writer.send(new DefineAttributeCommand(AttributeMessages.attributeKey(id), id, row.text("AttributeName"),
                        AttributeDataType.valueOf(row.text("AttributeDataType"))),
                MigrationWriter.MIGRATION, row.instant("FirstDeclared"), "AttributeDefinition/" + id);
    }

    private Outcome model(SourceRow row) throws Exception {
        long id = row.id("ModelID");
        List<ModelInput> inputs = new ArrayList<>();
        JsonNode declared = row.json("Inputs");
        if (declared != null) {
            declared.forEach(input -> inputs.add(new ModelInput(input.get("id").asLong(), input.get("name").asText())));
        }
        // MySQL's json_arrayagg takes no order: sorted here, so two migrations record the same event
        inputs.sort(Comparator.comparingLong(ModelInput::attributeId).thenComparing(ModelInput::inputName));
        if (writer.exists(ModelMessages.modelKey(id))) {
            return Outcome.ALREADY;
        }
        return writer.send(new RegisterAttributesModelCommand(ModelMessages.modelKey(id), id, row.text("ModelName"),
                        row.text("Version"), row.text("Description"), ids(row.text("Outputs")), inputs),
                MigrationWriter.MIGRATION, row.instant("DateInserted"), "Model/" + id);
    }

    private Outcome value(SourceRow row) throws Exception {
        long id = row.id("AttributeValueID");
        AttributeEntity entity = entity(row);
        if (entity == null) {
            return new MigrationWriter.Skipped("names no object, or more than one (ck_AttributeValue_exactly_one_entity)");
        }
        if (writer.exists(AttributeMessages.valueKey(id))) {
            return Outcome.ALREADY;
        }
        if (!writer.exists(aggregateOf(entity))) {
            return new MigrationWriter.Skipped("its " + entity.kind() + " was not migrated");
        }
        return writer.send(new RecordAttributeValueCommand(AttributeMessages.valueKey(id), id, row.id("AttributeID"),
                        row.id("ModelID"), entity, row.text("Laterality"), columns(row), ids(row.text("Inputs"))),
                MigrationWriter.MIGRATION, row.instant("ModelDateInserted"), "AttributeValue/" + id);
    }

    private static AttributeEntity entity(SourceRow row) {
        AttributeEntity found = null;
        for (AttributeEntity.Kind kind : AttributeEntity.Kind.values()) {
            Long id = row.longOrNull(column(kind));
            if (id != null) {
                if (found != null) {
                    return null;
                }
                found = new AttributeEntity(kind, id);
            }
        }
        return found;
    }

    /** The aggregate of the object a value describes (values of objects the migration skipped are skipped too). */
    private static String aggregateOf(AttributeEntity entity) {
        return switch (entity.kind()) {
            case image_instance -> InstanceId.of(entity.id()).toString();
            case segmentation -> SegmentationId.of(entity.id()).toString();
            case model_segmentation -> ModelMessages.modelSegmentationKey(entity.id());
            case patient -> PatientId.of(entity.id()).toString();
            case study -> StudyId.of(entity.id()).toString();
        };
    }

    private static String column(AttributeEntity.Kind kind) {
        return switch (kind) {
            case image_instance -> "ImageInstanceID";
            case segmentation -> "SegmentationID";
            case model_segmentation -> "ModelSegmentationID";
            case patient -> "PatientID";
            case study -> "StudyID";
        };
    }

    /**
     * The four columns as stored; a row that fills more than one (the original does not forbid it)
     * keeps the one its data type names, which is where the original's tools read it.
     */
    private static AttributeValueColumns columns(SourceRow row) {
        JsonNode json = row.json("ValueJSON"); // JSON null is no value, as SQL NULL
        AttributeValueColumns stored = new AttributeValueColumns(row.longOrNull("ValueInt"),
                row.doubleOrNull("ValueFloat"), row.text("ValueText"),
                json == null || json.isNull() ? null : CanonicalJson.of(json));
        if (stored.present() <= 1) {
            return stored;
        }
        return switch (AttributeDataType.valueOf(row.text("AttributeDataType"))) {
            case Int -> new AttributeValueColumns(stored.valueInt(), null, null, null);
            case Float -> new AttributeValueColumns(null, stored.valueFloat(), null, null);
            case String -> new AttributeValueColumns(null, null, stored.valueText(), null);
            case JSON -> new AttributeValueColumns(null, null, null, stored.valueJson());
        };
    }

    private static List<Long> ids(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank() ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::strip).map(Long::valueOf).toList();
    }
}
