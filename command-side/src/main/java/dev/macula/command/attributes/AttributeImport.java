package dev.macula.command.attributes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.attributes.AttributeDataType;
import dev.macula.api.attributes.AttributeEntity;
import dev.macula.api.attributes.AttributeMessages;
import dev.macula.api.attributes.AttributeMessages.AttributeValueColumns;
import dev.macula.api.attributes.AttributeMessages.ChangeAttributeValueCommand;
import dev.macula.api.attributes.AttributeMessages.DeclareModelOutputsCommand;
import dev.macula.api.attributes.AttributeMessages.DefineAttributeCommand;
import dev.macula.api.attributes.AttributeMessages.RecordAttributeValueCommand;
import dev.macula.api.attributes.AttributeMessages.RegisterAttributesModelCommand;
import dev.macula.api.common.ValidationError;
import dev.macula.api.segmentation.ModelMessages;
import dev.macula.command.attributes.AttributeLookups.Definition;
import dev.macula.command.attributes.AttributeLookups.ExistingValue;
import dev.macula.command.attributes.AttributeLookups.Model;
import dev.macula.command.attributes.AttributeLookups.ValueKey;
import dev.macula.command.attributes.AttributeUpload.Row;
import dev.macula.command.common.IdAllocator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One attribute import, in two phases. {@link #plan} reads every row and checks it against the read
 * models (objects exist, values fit their attribute's type, a model name keeps its one version,
 * no row repeats another's object, attribute and model) and reports every problem at once; only a
 * frame without problems gets {@link #commands}: new attributes, new models and their outputs,
 * then one command per value that is new or differs from the stored one.
 */
final class AttributeImport {

    private final AttributeLookups lookups;
    private final List<ValidationError> errors = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    /** By lower-case name, in order of first appearance. */
    private final Map<String, PlannedAttribute> attributes = new LinkedHashMap<>();
    private final Map<String, PlannedModel> models = new LinkedHashMap<>();
    /** Each valid row's value in the column of its attribute's type, converted once while checking. */
    private final Map<Entry, AttributeValueColumns> converted = new HashMap<>();

    AttributeImport(AttributeLookups lookups) {
        this.lookups = lookups;
    }

    /** A valid row: the object, the attribute and model (by lower-case name), the value cell. */
    private record Entry(Row row, AttributeEntity entity, String attribute, String model, String laterality,
                         JsonNode cell) {
    }

    private static final class PlannedAttribute {
        final String name;
        Definition existing;
        AttributeDataType declared;
        final List<JsonNode> cells = new ArrayList<>();
        AttributeDataType type;
        long id;

        PlannedAttribute(String name) {
            this.name = name;
        }
    }

    private static final class PlannedModel {
        final String name;
        final String version;
        String description;
        Model existing;
        final Set<String> attributes = new LinkedHashSet<>();
        long id;

        PlannedModel(String name, String version) {
            this.name = name;
            this.version = version;
        }
    }

    /** What the import did (or, for a frame with problems, nothing: then {@link #errors()} says why). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Summary(int rows, int recorded, int changed, int unchanged, List<String> attributesDefined,
                   List<String> modelsRegistered) {
    }

    List<ValidationError> errors() {
        return errors;
    }

    void plan(List<Row> rows) {
        for (Row row : rows) {
            read(row);
        }
        resolveAttributes();
        resolveModels();
        checkObjectsExist();
        checkValues();
    }

    private void read(Row row) {
        for (String column : iterable(row.cells().fieldNames())) {
            if (!AttributeUpload.REQUIRED.contains(column) && !AttributeUpload.OPTIONAL.contains(column)) {
                error(row, column, "unknown column; the columns are " + String.join(", ", AttributeUpload.REQUIRED)
                        + " and optionally " + String.join(", ", AttributeUpload.OPTIONAL));
            }
        }
        String kindText = text(row, "entity_kind");
        AttributeEntity.Kind kind = kindText == null ? null : AttributeEntity.Kind.parse(kindText);
        if (kindText != null && kind == null) {
            error(row, "entity_kind", "should be image_instance, segmentation, model_segmentation, patient or study");
        }
        Long entityId = positive(row, "entity_id");
        String attribute = name(row, "attribute");
        String model = name(row, "model");
        String version = name(row, "model_version");
        if (!row.cells().has("value")) {
            error(row, "value", "Field required");
        }
        String laterality = optionalText(row, "laterality");
        if (laterality != null && !laterality.equals("L") && !laterality.equals("R")) {
            error(row, "laterality", "should be 'L', 'R' or empty");
        }
        String typeText = optionalText(row, "data_type");
        AttributeDataType declared = null;
        if (typeText != null) {
            declared = java.util.Arrays.stream(AttributeDataType.values())
                    .filter(t -> t.name().equalsIgnoreCase(typeText)).findFirst().orElse(null);
            if (declared == null) {
                error(row, "data_type", "should be String, Float, Int or JSON");
            }
        }
        if (kind == null || entityId == null || attribute == null || model == null || version == null
                || !row.cells().has("value")) {
            return;
        }
        PlannedAttribute plannedAttribute = attributes.computeIfAbsent(key(attribute), k -> new PlannedAttribute(attribute));
        if (declared != null) {
            if (plannedAttribute.declared != null && plannedAttribute.declared != declared) {
                error(row, "data_type", "attribute '" + attribute + "' is given as " + plannedAttribute.declared
                        + " in an earlier row");
            }
            plannedAttribute.declared = declared;
        }
        plannedAttribute.cells.add(row.cell("value"));
        PlannedModel plannedModel = models.computeIfAbsent(key(model), k -> new PlannedModel(model, version));
        if (!plannedModel.version.equals(version)) {
            error(row, "model_version", "model '" + model + "' is given with version '" + plannedModel.version
                    + "' in an earlier row; a model name has one version");
        }
        String description = optionalText(row, "model_description");
        if (description != null) {
            plannedModel.description = description.length() > 255 ? description.substring(0, 255) : description;
        }
        plannedModel.attributes.add(key(attribute));
        entries.add(new Entry(row, new AttributeEntity(kind, entityId), key(attribute), key(model), laterality,
                row.cell("value")));
    }

    private void resolveAttributes() {
        for (PlannedAttribute attribute : attributes.values()) {
            attribute.existing = lookups.definition(attribute.name).orElse(null);
            if (attribute.existing != null) {
                attribute.type = attribute.existing.dataType();
                attribute.id = attribute.existing.id();
                if (attribute.declared != null && attribute.declared != attribute.type) {
                    errors.add(ValidationError.of("value_error", List.of("body", "data_type"),
                            "Value error, attribute '" + attribute.existing.name() + "' exists with data type "
                                    + attribute.type + ", not " + attribute.declared, attribute.declared.name()));
                }
            } else {
                attribute.type = attribute.declared != null ? attribute.declared : AttributeValues.infer(attribute.cells);
            }
        }
    }

    private void resolveModels() {
        for (PlannedModel model : models.values()) {
            model.existing = lookups.model(model.name).orElse(null);
            if (model.existing == null) {
                continue;
            }
            model.id = model.existing.id();
            if (!"attributes".equals(model.existing.modelType())) {
                errors.add(ValidationError.of("value_error", List.of("body", "model"), "Value error, model '"
                        + model.existing.name() + "' is a " + model.existing.modelType()
                        + " model; attributes come from attributes models", model.name));
            } else if (!model.existing.version().equals(model.version)) {
                errors.add(ValidationError.of("value_error", List.of("body", "model_version"), "Value error, model '"
                        + model.existing.name() + "' has version '" + model.existing.version()
                        + "'; a model name has one version (docs/api.md §1.3 Model)", model.version));
            }
        }
    }

    private void checkObjectsExist() {
        Map<AttributeEntity.Kind, Set<Long>> ids = new HashMap<>();
        entries.forEach(e -> ids.computeIfAbsent(e.entity().kind(), k -> new TreeSet<>()).add(e.entity().id()));
        Map<AttributeEntity.Kind, Set<Long>> missing = new HashMap<>();
        ids.forEach((kind, set) -> missing.put(kind, lookups.missing(kind, set)));
        for (Entry entry : entries) {
            if (missing.get(entry.entity().kind()).contains(entry.entity().id())) {
                error(entry.row(), "entity_id", "no " + entry.entity().kind() + " has id " + entry.entity().id());
            }
        }
    }

    private void checkValues() {
        Map<List<Object>, Integer> seen = new HashMap<>();
        for (Entry entry : entries) {
            PlannedAttribute attribute = attributes.get(entry.attribute());
            try {
                converted.put(entry, AttributeValues.convert(attribute.type, entry.cell(), entry.row().textCells()));
            } catch (AttributeValues.NotConvertible e) {
                error(entry.row(), "value", "attribute '" + attribute.name + "' (" + attribute.type + ") "
                        + e.getMessage());
            }
            Integer earlier = seen.putIfAbsent(List.of(entry.entity(), entry.attribute(), entry.model()),
                    entry.row().number());
            if (earlier != null) {
                error(entry.row(), "entity_id", "row " + earlier + " gives the same object, attribute and model");
            }
        }
    }

    /**
     * The commands of a valid frame, in the order they must be sent: definitions and models first
     * (values name them), then values, which are independent of each other.
     */
    Commands commands(IdAllocator ids) {
        List<Object> catalog = new ArrayList<>();
        List<String> defined = new ArrayList<>();
        for (PlannedAttribute attribute : attributes.values()) {
            if (attribute.existing == null) {
                attribute.id = ids.next(AttributeMessages.ATTRIBUTE_TYPE);
                catalog.add(new DefineAttributeCommand(AttributeMessages.attributeKey(attribute.id), attribute.id,
                        attribute.name, attribute.type));
                defined.add(attribute.name);
            }
        }
        List<String> registered = new ArrayList<>();
        for (PlannedModel model : models.values()) {
            List<Long> outputs = model.attributes.stream().map(a -> attributes.get(a).id).toList();
            if (model.existing == null) {
                model.id = ids.next(ModelMessages.MODEL_TYPE);
                catalog.add(new RegisterAttributesModelCommand(ModelMessages.modelKey(model.id), model.id,
                        model.name, model.version, model.description, outputs, List.of()));
                registered.add(model.name);
            } else if (!model.existing.outputs().containsAll(outputs)) {
                catalog.add(new DeclareModelOutputsCommand(ModelMessages.modelKey(model.id), model.id, outputs));
            }
        }
        Map<ValueKey, ExistingValue> existing = new HashMap<>();
        Map<AttributeEntity.Kind, Set<Long>> byKind = new HashMap<>();
        entries.forEach(e -> byKind.computeIfAbsent(e.entity().kind(), k -> new TreeSet<>()).add(e.entity().id()));
        byKind.forEach((kind, set) -> existing.putAll(lookups.existing(kind, set)));
        List<Object> values = new ArrayList<>();
        int unchanged = 0;
        int changed = 0;
        for (Entry entry : entries) {
            PlannedAttribute attribute = attributes.get(entry.attribute());
            long modelId = models.get(entry.model()).id;
            AttributeValueColumns value = converted.get(entry);
            ExistingValue stored = existing.get(new ValueKey(entry.entity().kind(), entry.entity().id(), attribute.id,
                    modelId));
            if (stored == null) {
                long id = ids.next(AttributeMessages.ATTRIBUTE_VALUE_TYPE);
                values.add(new RecordAttributeValueCommand(AttributeMessages.valueKey(id), id, attribute.id, modelId,
                        entry.entity(), entry.laterality(), value, List.of()));
            } else if (!Objects.equals(stored.value(), value) || !Objects.equals(stored.laterality(), entry.laterality())
                    || !stored.inputs().isEmpty()) {
                values.add(new ChangeAttributeValueCommand(AttributeMessages.valueKey(stored.id()), stored.id(),
                        entry.laterality(), value, List.of()));
                changed++;
            } else {
                unchanged++;
            }
        }
        return new Commands(catalog, values, new Summary(entries.size(), values.size() - changed, changed, unchanged,
                defined, registered));
    }

    record Commands(List<Object> catalog, List<Object> values, Summary summary) {
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private String text(Row row, String column) {
        JsonNode cell = row.cell(column);
        if (cell == null || cell.isNull() || (cell.isTextual() && cell.textValue().isBlank())) {
            error(row, column, "Field required");
            return null;
        }
        if (!cell.isValueNode()) {
            error(row, column, "should be a string");
            return null;
        }
        return cell.asText().strip();
    }

    private String optionalText(Row row, String column) {
        JsonNode cell = row.cell(column);
        return cell == null || cell.isNull() || !cell.isValueNode() || cell.asText().isBlank() ? null
                : cell.asText().strip();
    }

    /** A model or attribute name: 1 to 255 characters, kept as written (trailing spaces trimmed). */
    private String name(Row row, String column) {
        String name = text(row, column);
        if (name != null && name.length() > 255) {
            error(row, column, "has at most 255 characters");
            return null;
        }
        return name;
    }

    private Long positive(Row row, String column) {
        String text = text(row, column);
        if (text == null) {
            return null;
        }
        try {
            long value = new java.math.BigDecimal(text).longValueExact();
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // below
        }
        error(row, column, "should be a positive integer id");
        return null;
    }

    private void error(Row row, String column, String message) {
        JsonNode cell = row.cell(column);
        errors.add(ValidationError.of("value_error", List.of("body", row.number(), column), "Value error, " + message,
                cell == null ? null : cell.isTextual() ? cell.textValue() : cell.toString()));
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
