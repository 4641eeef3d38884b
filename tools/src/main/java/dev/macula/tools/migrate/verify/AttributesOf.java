package dev.macula.tools.migrate.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.macula.tools.migrate.EyenedSource;
import dev.macula.tools.migrate.SourceRow;

import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code attributes} of InstanceGET (docs/api.md §3.0.5, contract §1.5): per image
 * {@code {ModelName: {AttributeName: value}}} from the AttributeValue rows whose ImageInstanceID is the
 * image; the value is the first non-null of ValueInt, ValueFloat, ValueText, ValueJSON (a JSON null is
 * null); rows with all four null are left out; {@code {}} when none. Values of segmentations, patients and studies are not
 * part of it, and the laterality of a value is ignored.
 */
final class AttributesOf {

    private AttributesOf() {
    }

    static Map<Long, ObjectNode> images(EyenedSource source, Collection<Long> imageIds) throws SQLException {
        Map<Long, ObjectNode> attributes = new HashMap<>();
        if (!source.hasTable("AttributeValue") || imageIds.isEmpty()) {
            return attributes;
        }
        for (SourceRow row : source.all("""
                select v.ImageInstanceID, m.ModelName, d.AttributeName, v.ValueInt, v.ValueFloat, v.ValueText, v.ValueJSON
                from `AttributeValue` v join `AttributeDefinition` d on d.AttributeID = v.AttributeID
                join `Model` m on m.ModelID = v.ModelID
                where v.ImageInstanceID in (%s) order by v.AttributeValueID""".formatted(SourceBatch.marks(imageIds)),
                imageIds.toArray())) {
            JsonNode value = value(row);
            if (value != null) {
                ObjectNode models = attributes.computeIfAbsent(row.id("ImageInstanceID"), id -> Metas.JSON.objectNode());
                if (!models.has(row.text("ModelName"))) {
                    models.putObject(row.text("ModelName"));
                }
                ((ObjectNode) models.get(row.text("ModelName"))).set(row.text("AttributeName"), value);
            }
        }
        return attributes;
    }

    private static JsonNode value(SourceRow row) {
        if (!row.isNull("ValueInt")) {
            return Metas.JSON.numberNode(row.longOrNull("ValueInt"));
        }
        if (!row.isNull("ValueFloat")) {
            return Metas.JSON.numberNode(row.doubleOrNull("ValueFloat"));
        }
        if (!row.isNull("ValueText")) {
            return Metas.JSON.textNode(row.text("ValueText"));
        }
        JsonNode json = row.json("ValueJSON");
        return json == null || json.isNull() ? null : json; // JSON null is no value, as in the original's Python
    }
}
