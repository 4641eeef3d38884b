package dev.macula.tools.migrate.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.macula.tools.migrate.SourceRow;

/**
 * SegmentationGET (docs/api.md §3.0.8) and ModelSegmentationGET (§3.0.9) from a Segmentation or
 * ModelSegmentation row: the shared geometry, then what each adds.
 */
final class SegmentationGet {

    private static final String DATE_MODIFIED_NOT_CARRIED =
            "DateModified is not carried by the migration (README \"Moving from Eyened\")";

    private SegmentationGet() {
    }

    /**
     * A grader segmentation (the row with its creator's {@code CreatorName}); {@code tags} as the answer
     * at hand shows them: the SegmentationTag links inside an image, a fix of §9.2 item 17 elsewhere.
     */
    static ObjectNode grader(SourceRow row, JsonNode feature, JsonNode tags) {
        ObjectNode segmentation = geometry(row);
        segmentation.put("id", row.id("SegmentationID")).put("annotation_type", "grader_segmentation");
        segmentation.set("feature", feature == null ? NullNode.getInstance() : feature);
        segmentation.set("creator", Metas.creator(row.id("CreatorID"), row.text("CreatorName")));
        segmentation.set("tags", tags);
        segmentation.set("date_inserted", Metas.dateTime(row.dateTime("DateInserted")));
        segmentation.set("date_modified", dateModified(row));
        return segmentation;
    }

    /**
     * DateModified of a grader segmentation or form: not carried, except that the migration deactivates an
     * inactive one at its DateModified (else at its DateInserted), which Macula then shows; so Macula answers
     * the original's value, null, or the DateInserted.
     */
    static JsonNode dateModified(SourceRow row) {
        JsonNode inserted = Metas.dateTime(row.dateTime("DateInserted"));
        return Fix.when(Metas.dateTime(row.dateTime("DateModified")),
                actual -> actual.isNull() || actual.equals(inserted), DATE_MODIFIED_NOT_CARRIED);
    }

    /** Standalone, as {@code GET /segmentations/{id}} answers: the original's {@code tags: []}, Macula's real ones. */
    static ObjectNode standalone(SourceRow row, JsonNode feature, ArrayNode tags) {
        return grader(row, feature, Fix.to(Metas.JSON.arrayNode(), tags, "the real tags (docs/api.md §9.2 item 17)"));
    }

    /**
     * A model's output: the row with its model's {@code ModelName}, {@code ModelVersion} (null: no such
     * model) and {@code FeatureID}; {@code feature} is that feature (null: the model has none).
     */
    static ObjectNode model(SourceRow row, JsonNode feature) {
        ObjectNode segmentation = geometry(row);
        segmentation.put("id", row.id("ModelSegmentationID")).put("annotation_type", "model_segmentation");
        ObjectNode model = Metas.JSON.objectNode().put("id", row.id("ModelID"));
        if (row.isNull("ModelName")) {
            model.put("name", "Unknown model").put("version", "");
        } else {
            model.put("name", row.text("ModelName")).put("version", row.text("ModelVersion"));
        }
        segmentation.set("creator", model);
        segmentation.set("feature", feature != null ? feature : unknownFeature());
        segmentation.putArray("tags");
        segmentation.set("date_inserted", Metas.dateTime(row.dateTime("DateInserted")));
        segmentation.putNull("date_modified");
        return segmentation;
    }

    private static ObjectNode geometry(SourceRow row) {
        ObjectNode geometry = Metas.JSON.objectNode().put("image_instance_id", row.id("ImageInstanceID"))
                .put("depth", row.id("Depth")).put("height", row.id("Height")).put("width", row.id("Width"));
        geometry.set("sparse_axis", Metas.number(row.longOrNull("SparseAxis")));
        geometry.set("image_projection_matrix", Metas.json(row.json("ImageProjectionMatrix")));
        geometry.set("scan_indices", Metas.json(row.json("ScanIndices")));
        geometry.set("threshold", Metas.number(row.doubleOrNull("Threshold")));
        geometry.set("reference_segmentation_id", Metas.number(row.longOrNull("ReferenceSegmentationID")));
        geometry.put("data_type", row.text("DataType")).put("data_representation", row.text("DataRepresentation"));
        return geometry;
    }

    /** The original's placeholder for a model without a feature; its date is the server's clock at the time. */
    private static ObjectNode unknownFeature() {
        ObjectNode feature = Metas.JSON.objectNode().put("id", 0).put("name", "Unknown feature");
        feature.putArray("subfeatures");
        feature.putArray("subfeature_ids");
        feature.set("date_inserted", Fix.when(Metas.JSON.textNode("(the original server's clock)"), JsonNode::isTextual,
                "the placeholder's date is the server's current time (docs/api.md §3.0.9)"));
        feature.putNull("segmentation_count");
        return feature;
    }
}
