package dev.macula.command.attributes;

import dev.macula.api.attributes.AttributeDataType;
import dev.macula.api.attributes.AttributeEntity;
import dev.macula.api.attributes.AttributeMessages.AttributeValueColumns;
import dev.macula.command.common.ReadModelLookups;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an attribute import needs to know before it sends anything: definitions and models by name
 * (compared case-insensitively, as the original's MySQL collation did), which objects exist and
 * which values are there already.
 */
@Component
class AttributeLookups extends ReadModelLookups {

    AttributeLookups(JdbcTemplate jdbc) {
        super(jdbc);
    }

    record Definition(long id, String name, AttributeDataType dataType) {
    }

    record Model(long id, String name, String version, String modelType, Set<Long> outputs) {
    }

    record ExistingValue(long id, String laterality, AttributeValueColumns value, List<Long> inputs) {
    }

    Optional<Definition> definition(String name) {
        return jdbc.query("""
                        select id, name, data_type from attribute_definition where lower(name) = lower(?)
                        order by (name = ?) desc, id limit 1""",
                (rs, row) -> new Definition(rs.getLong(1), rs.getString(2), AttributeDataType.valueOf(rs.getString(3))),
                name, name).stream().findFirst();
    }

    Optional<Model> model(String name) {
        return jdbc.query("""
                        select id, name, version, model_type from model where lower(name) = lower(?)
                        order by (name = ?) desc, id limit 1""",
                (rs, row) -> new Model(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        new HashSet<>(jdbc.queryForList(
                                "select attribute_id from attributes_model_output where model_id = ?", Long.class,
                                rs.getLong(1)))),
                name, name).stream().findFirst();
    }

    /** The ids among {@code ids} that have no row of this kind. */
    Set<Long> missing(AttributeEntity.Kind kind, Collection<Long> ids) {
        Set<Long> missing = new HashSet<>(ids);
        missing.removeAll(jdbc.queryForList("select id from " + table(kind) + " where id = any(?)", Long.class,
                (Object) ids.toArray(Long[]::new)));
        return missing;
    }

    /** Values that exist already, by (kind, object, attribute, model). */
    Map<ValueKey, ExistingValue> existing(AttributeEntity.Kind kind, Collection<Long> entityIds) {
        Map<ValueKey, ExistingValue> found = new HashMap<>();
        jdbc.query("""
                        select v.id, v.entity_id, v.attribute_id, v.model_id, v.laterality, v.value_int, v.value_float,
                               v.value_text, v.value_json,
                               array(select i.input_value_id from attribute_value_input i
                                     where i.output_value_id = v.id order by i.input_value_id) as inputs
                        from attribute_value v where v.entity_kind = ? and v.entity_id = any(?)""",
                rs -> {
                    Long[] inputs = (Long[]) rs.getArray("inputs").getArray();
                    found.put(new ValueKey(kind, rs.getLong("entity_id"), rs.getLong("attribute_id"),
                                    rs.getLong("model_id")),
                            new ExistingValue(rs.getLong("id"), rs.getString("laterality"), new AttributeValueColumns(
                                    (Long) rs.getObject("value_int"), (Double) rs.getObject("value_float"),
                                    rs.getString("value_text"), rs.getString("value_json")), List.of(inputs)));
                }, kind.name(), entityIds.toArray(Long[]::new));
        return found;
    }

    record ValueKey(AttributeEntity.Kind kind, long entityId, long attributeId, long modelId) {
    }

    private static String table(AttributeEntity.Kind kind) {
        return switch (kind) {
            case image_instance -> "image_instance";
            case segmentation -> "segmentation";
            case model_segmentation -> "model_segmentation";
            case patient -> "patient";
            case study -> "study";
        };
    }
}
