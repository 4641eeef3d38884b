package dev.macula.query.attributes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.attributes.AttributeDataType;
import dev.macula.api.attributes.AttributeEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attributes as the API shows them: an image's {@code attributes} (docs/api.md §3.0.5: values
 * attached directly to the image, {@code {ModelName: {AttributeName: value}}}, the value the first
 * non-null of int, float, text, JSON; values with none are skipped), the attribute entries of the
 * instance search signature (docs/api.md §4.6 entry 14) and what an attribute condition compares.
 */
@Component
public class AttributeReader {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    public AttributeReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Per image id, its attributes; images without any are absent. */
    public Map<Long, Map<String, Object>> ofImages(Collection<Long> imageIds) {
        Map<Long, Map<String, Object>> byImage = new HashMap<>();
        if (imageIds.isEmpty()) {
            return byImage;
        }
        jdbc.query("""
                select v.entity_id, m.name as model, d.name as attribute, v.value_int, v.value_float, v.value_text,
                       v.value_json
                from attribute_value v
                join model m on m.id = v.model_id
                join attribute_definition d on d.id = v.attribute_id
                where v.entity_kind = ? and v.entity_id = any(?)
                  and coalesce(v.value_int::text, v.value_float::text, v.value_text, v.value_json) is not null
                order by v.id""", rs -> {
            Object value = rs.getObject("value_int") != null ? (Object) rs.getLong("value_int")
                    : rs.getObject("value_float") != null ? (Object) rs.getDouble("value_float")
                    : rs.getString("value_text") != null ? rs.getString("value_text")
                    : parsed(rs.getString("value_json"));
            @SuppressWarnings("unchecked")
            Map<String, Object> ofModel = (Map<String, Object>) byImage
                    .computeIfAbsent(rs.getLong("entity_id"), k -> new LinkedHashMap<>())
                    .computeIfAbsent(rs.getString("model"), k -> new LinkedHashMap<String, Object>());
            ofModel.put(rs.getString("attribute"), value);
        }, AttributeEntity.Kind.image_instance.name(), imageIds.toArray(Long[]::new));
        return byImage;
    }

    /** One signature entry: an attribute a model produced, on what feature (null: on images). */
    public record SignatureEntry(String name, AttributeDataType dataType, String model, String feature) {
    }

    /**
     * Distinct (attribute, model, feature) among stored values of attributes models, JSON attributes
     * left out, from values on segmentations, on model segmentations (whose model has a feature) and
     * on images; sorted by name, model and feature (the original's order is the database's).
     */
    public List<SignatureEntry> signature() {
        return jdbc.query("""
                select distinct d.name, d.data_type, m.name as model, f.name as feature
                from attribute_value v
                join attribute_definition d on d.id = v.attribute_id
                join model m on m.id = v.model_id and m.model_type = 'attributes'
                left join segmentation s on v.entity_kind = 'segmentation' and s.id = v.entity_id
                left join model_segmentation ms on v.entity_kind = 'model_segmentation' and ms.id = v.entity_id
                left join model sm on sm.id = ms.model_id
                left join feature f on f.id = coalesce(s.feature_id, sm.feature_id)
                where d.data_type <> 'JSON'
                  and (v.entity_kind = 'image_instance'
                       or (v.entity_kind = 'segmentation' and s.id is not null)
                       or (v.entity_kind = 'model_segmentation' and sm.feature_id is not null))
                order by d.name, m.name, f.name nulls first""",
                (rs, row) -> new SignatureEntry(rs.getString(1), AttributeDataType.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4)));
    }

    /** What an attribute condition names: an attribute declared as an output of an attributes model. */
    public record ConditionTarget(long attributeId, long modelId, AttributeDataType dataType) {
    }

    /**
     * The attribute named {@code attribute} that the attributes model named {@code model} declares
     * as an output (docs/api.md §4.3 attribute condition, step 1), names compared as the original's
     * collation does: without regard to case. Among names that differ only in case, the exact one
     * wins, then the oldest: the same choice the import makes, every time.
     */
    public Optional<ConditionTarget> conditionTarget(String model, String attribute) {
        return jdbc.query("""
                        select d.id, m.id, d.data_type
                        from model m
                        join attributes_model_output o on o.model_id = m.id
                        join attribute_definition d on d.id = o.attribute_id
                        where m.model_type = 'attributes' and lower(m.name) = lower(?) and lower(d.name) = lower(?)
                        order by (m.name = ?) desc, (d.name = ?) desc, m.id, d.id limit 1""",
                (rs, row) -> new ConditionTarget(rs.getLong(1), rs.getLong(2),
                        AttributeDataType.valueOf(rs.getString(3))),
                model, attribute, model, attribute).stream().findFirst();
    }

    private Object parsed(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            return text;
        }
    }
}
