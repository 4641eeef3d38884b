package dev.macula.tools.migrate.verify;

import dev.macula.tools.migrate.EyenedSource;
import dev.macula.tools.migrate.EyenedSteps;
import dev.macula.tools.migrate.SourceRow;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per table of the original: its rows, the rows of Macula's read model that hold them, and the rows the
 * migration skips for a stated reason that follows from the data ({@link DataSkips}, recounted here from
 * the source, not read from a migration's report: a resumed migration's report covers only its own part).
 * Rows are compared by key, so a missing row and an extra one cannot hide each other; the first few of
 * each are named. Tables the migration does not carry ({@link EyenedSteps#NOT_MIGRATED}) are listed as such.
 */
final class TableCounts {

    private static final int NAMED = 5;

    /** A table of the original, its key as text, and the read model holding it with the same key. */
    record Table(String name, String sourceKey, String sourceFrom, String maculaKey, String maculaFrom) {
    }

    static final List<Table> TABLES = List.of(
            byId("Creator", "app_user"), byId("Project", "project"), byId("Patient", "patient"), byId("Study", "study"),
            byId("Series", "series"), byId("DeviceModel", "device_model"), byId("DeviceInstance", "device_instance"),
            // the original's scan modes show as InstanceGET.scan.mode
            new Table("Scan", "ScanMode", "`Scan`", "scan_mode", "scan"),
            byId("ImageInstance", "image_instance"), byId("Feature", "feature"),
            new Table("CompositeFeature", "concat(ParentFeatureID, ',', ChildFeatureID, ',', FeatureIndex)",
                    "`CompositeFeature`", "parent_id || ',' || child_id || ',' || feature_index", "composite_feature"),
            byId("Tag", "tag"),
            new Table("CreatorTag", "concat(TagID, ',', CreatorID)", "`CreatorTag`", "tag_id || ',' || user_id", "tag_star"),
            link("StudyTag", "StudyID", "Study"), link("ImageInstanceTag", "ImageInstanceID", "ImageInstance"),
            byId("TaskDefinition", "task_definition"), byId("Task", "task"), byId("SubTask", "subtask"),
            new Table("SubTaskImageLink", "concat(SubTaskID, ',', ImageInstanceID)", "`SubTaskImageLink`",
                    "subtask_id || ',' || image_instance_id", "subtask_image"),
            byId("FormSchema", "form_schema"), byId("FormAnnotation", "form_annotation"),
            link("FormAnnotationTag", "FormAnnotationID", "FormAnnotation"),
            new Table("SegmentationModel", "ModelID", "`SegmentationModel`", "id", "model where model_type = 'segmentation'"),
            byId("ModelSegmentation", "model_segmentation"), byId("Segmentation", "segmentation"),
            link("SegmentationTag", "SegmentationID", "Segmentation"),
            new Table("AttributeDefinition", "AttributeID", "`AttributeDefinition`", "id", "attribute_definition"),
            new Table("AttributesModel", "ModelID", "`AttributesModel`", "id", "model where model_type = 'attributes'"),
            new Table("AttributesModelOutput", "concat(ModelID, ',', AttributeID)", "`AttributesModelOutput`",
                    "model_id || ',' || attribute_id", "attributes_model_output"),
            new Table("ModelInput", "concat(ModelID, ',', InputAttributeID)", "`ModelInput`",
                    "model_id || ',' || attribute_id", "attributes_model_input"),
            byId("AttributeValue", "attribute_value"),
            new Table("AttributeValueInput", "concat(OutputAttributeValueID, ',', InputAttributeValueID)",
                    "`AttributeValueInput`", "output_value_id || ',' || input_value_id", "attribute_value_input"));

    private final EyenedSource source;
    private final JdbcTemplate target;
    private final DataSkips skips;

    TableCounts(EyenedSource source, JdbcTemplate target, DataSkips skips) {
        this.source = source;
        this.target = target;
        this.skips = skips;
    }

    void into(VerificationReport report) throws SQLException {
        Map<String, Map<String, String>> skipped = skipped();
        for (Table table : TABLES) {
            String sourceTable = table.sourceFrom().replace("`", "");
            if (!source.hasTable(sourceTable)) {
                continue;
            }
            List<String> sourceKeys = source.column("select " + table.sourceKey() + " from " + table.sourceFrom());
            Set<String> macula = new HashSet<>(target.queryForList(
                    "select " + table.maculaKey() + " from " + table.maculaFrom(), String.class));
            Map<String, String> skips = skipped.getOrDefault(table.name(), Map.of());
            Map<String, Long> reasons = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            Set<String> expected = new HashSet<>();
            for (String key : sourceKeys) {
                String reason = skips.get(key);
                if (reason != null) {
                    reasons.merge(reason, 1L, Long::sum);
                } else {
                    expected.add(key);
                    if (!macula.contains(key) && missing.size() < NAMED) {
                        missing.add(key);
                    }
                }
            }
            List<String> extra = macula.stream().filter(key -> !expected.contains(key)).sorted().limit(NAMED).toList();
            report.table(new VerificationReport.TableCount(table.name(), sourceKeys.size(), (long) macula.size(), reasons,
                    null, missing, extra));
        }
        for (Map.Entry<String, String> table : EyenedSteps.NOT_MIGRATED.entrySet()) {
            if (source.hasTable(table.getKey())) {
                report.table(new VerificationReport.TableCount(table.getKey(), source.count(table.getKey()), null,
                        Map.of(), table.getValue(), List.of(), List.of()));
            }
        }
    }

    /** Table → key → why the migration skips that row. */
    private Map<String, Map<String, String>> skipped() throws SQLException {
        Map<String, Map<String, String>> skipped = new HashMap<>();
        Map<String, String> segmentations = new HashMap<>();
        for (SourceRow row : source.all("""
                select SegmentationID, ZarrArrayIndex, DataRepresentation, DataType, Depth, Height, Width
                from `Segmentation`""")) {
            String reason = skips.segmentation(row);
            if (reason != null) {
                segmentations.put(row.text("SegmentationID"), reason);
            }
        }
        skipped.put("Segmentation", segmentations);
        Map<String, String> modelSegmentations = new HashMap<>();
        for (SourceRow row : source.all("""
                select ms.ModelSegmentationID, ms.ZarrArrayIndex, ms.DataRepresentation, ms.DataType, ms.Depth, ms.Height,
                       ms.Width, m.ModelName, m.Version as ModelVersion
                from `ModelSegmentation` ms left join `Model` m on m.ModelID = ms.ModelID""")) {
            String reason = skips.modelSegmentation(row);
            if (reason != null) {
                modelSegmentations.put(row.text("ModelSegmentationID"), reason);
            }
        }
        skipped.put("ModelSegmentation", modelSegmentations);
        Map<String, String> segmentationTags = new HashMap<>();
        for (SourceRow row : source.all("select TagID, SegmentationID from `SegmentationTag`")) {
            if (segmentations.containsKey(row.text("SegmentationID"))) {
                segmentationTags.put(row.text("TagID") + "," + row.text("SegmentationID"), "its segmentation was skipped");
            }
        }
        skipped.put("SegmentationTag", segmentationTags);
        if (source.hasTable("AttributeValue")) {
            attributeValues(skipped, segmentations.keySet(), modelSegmentations.keySet());
        }
        return skipped;
    }

    /**
     * Values that name no object or several, and values of a segmentation or model segmentation that was
     * skipped (the migration records a value only for an object it made); then their provenance rows.
     */
    private void attributeValues(Map<String, Map<String, String>> skipped, Set<String> segmentations,
                                 Set<String> modelSegmentations) throws SQLException {
        Map<String, String> values = new HashMap<>();
        for (SourceRow row : source.all("""
                select AttributeValueID, ImageInstanceID, SegmentationID, ModelSegmentationID, PatientID, StudyID
                from `AttributeValue`""")) {
            long named = List.of("ImageInstanceID", "SegmentationID", "ModelSegmentationID", "PatientID", "StudyID")
                    .stream().filter(column -> !row.isNull(column)).count();
            String reason = named != 1 ? "names no object, or more than one (ck_AttributeValue_exactly_one_entity)"
                    : segmentations.contains(row.text("SegmentationID")) ? "its segmentation was not migrated"
                    : modelSegmentations.contains(row.text("ModelSegmentationID"))
                    ? "its model_segmentation was not migrated" : null;
            if (reason != null) {
                values.put(row.text("AttributeValueID"), reason);
            }
        }
        skipped.put("AttributeValue", values);
        Map<String, String> inputs = new HashMap<>();
        for (SourceRow row : source.all("select OutputAttributeValueID, InputAttributeValueID from `AttributeValueInput`")) {
            if (values.containsKey(row.text("OutputAttributeValueID"))) {
                inputs.put(row.text("OutputAttributeValueID") + "," + row.text("InputAttributeValueID"),
                        "its value was skipped");
            }
        }
        skipped.put("AttributeValueInput", inputs);
    }

    private static Table byId(String table, String readModel) {
        return new Table(table, table + "ID", "`" + table + "`", "id", readModel);
    }

    private static Table link(String table, String objectColumn, String objectType) {
        return new Table(table, "concat(TagID, ',', " + objectColumn + ")", "`" + table + "`",
                "tag_id || ',' || object_id", "tag_link where object_type = '" + objectType + "'");
    }
}
