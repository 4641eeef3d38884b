package dev.macula.tools.migrate.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.macula.tools.migrate.EyenedSource;
import dev.macula.tools.migrate.SourceRow;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FeatureGET (docs/api.md §3.0.7) of every feature of the original: {@code subfeatures} are the
 * CompositeFeature rows by FeatureIndex; {@code subfeature_ids} is always {@code []} in the original,
 * Macula's child ids in the same order are its fix (§9.2 item 18); {@code segmentation_count} null.
 */
final class FeatureGet {

    private final Map<Long, ObjectNode> features = new LinkedHashMap<>();

    FeatureGet(EyenedSource source) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        for (SourceRow row : source.all("select FeatureID, FeatureName, DateInserted from `Feature` order by FeatureName")) {
            names.put(row.id("FeatureID"), row.text("FeatureName"));
            ObjectNode feature = Metas.JSON.objectNode().put("name", row.text("FeatureName")).put("id", row.id("FeatureID"));
            feature.putArray("subfeatures");
            feature.set("date_inserted", Metas.dateTime(row.dateTime("DateInserted")));
            feature.putNull("segmentation_count");
            features.put(row.id("FeatureID"), feature);
        }
        Map<Long, ArrayNode> childIds = new HashMap<>();
        for (SourceRow child : source.all("""
                select ParentFeatureID, ChildFeatureID, FeatureIndex from `CompositeFeature`
                order by ParentFeatureID, FeatureIndex""")) {
            ObjectNode parent = features.get(child.id("ParentFeatureID"));
            if (parent != null) {
                ((ArrayNode) parent.get("subfeatures")).addObject().put("index", child.id("FeatureIndex"))
                        .put("name", names.get(child.id("ChildFeatureID")));
                childIds.computeIfAbsent(child.id("ParentFeatureID"), id -> Metas.JSON.arrayNode())
                        .add(child.id("ChildFeatureID"));
            }
        }
        features.forEach((id, feature) -> feature.set("subfeature_ids", Fix.to(Metas.JSON.arrayNode(),
                childIds.getOrDefault(id, Metas.JSON.arrayNode()), "the child ids (docs/api.md §9.2 item 18)")));
    }

    /** Every feature by name, as {@code GET /features} lists them. */
    Iterable<ObjectNode> all() {
        return features.values();
    }

    /** The feature as nested in a segmentation; null for an id the original does not have. */
    JsonNode of(Long id) {
        ObjectNode feature = id == null ? null : features.get(id);
        return feature == null ? null : feature.deepCopy();
    }
}
