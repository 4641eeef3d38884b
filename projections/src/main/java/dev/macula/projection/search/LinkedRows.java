package dev.macula.projection.search;

import dev.macula.api.search.SearchFields;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.macula.projection.search.SearchRows.key;
import static dev.macula.projection.search.SearchRows.row;

/**
 * Nested rows both index documents carry: the tag links of the object itself, and its active form
 * annotations with their tag links (one row each, a form without tags as one row without
 * {@code tag_name}).
 */
final class LinkedRows {

    private LinkedRows() {
    }

    /** One row per tag link of the objects ({@code ImageInstance} or {@code Study}), by tag id. */
    static SearchRows.Collector tags(JdbcTemplate jdbc, String objectType, Long[] ids) {
        SearchRows.Collector tags = new SearchRows.Collector();
        jdbc.query("""
                select l.object_id, t.id, t.name from tag_link l join tag t on t.id = l.tag_id
                where l.object_type = ? and l.object_id = any(?) order by t.id""", rs -> {
            tags.add(rs.getLong(1), row(SearchFields.TAG_NAME, key(rs.getString(3))));
            tags.ref(rs.getLong(1), "tag:" + rs.getLong(2));
        }, objectType, ids);
        return tags;
    }

    /** Active form annotations × their tag links, keyed by the column they hang on. */
    static SearchRows.Collector forms(JdbcTemplate jdbc, String ownerColumn, Long[] ids) {
        SearchRows.Collector forms = new SearchRows.Collector();
        jdbc.query("""
                select fa.%s as owner, fa.id, fs.name as schema_name, u.username, t.id as tag_id, t.name as tag
                from form_annotation fa
                left join form_schema fs on fs.id = fa.form_schema_id
                left join app_user u on u.id = fa.creator_id
                left join tag_link l on l.object_type = 'FormAnnotation' and l.object_id = fa.id
                left join tag t on t.id = l.tag_id
                where not fa.inactive and fa.%s = any(?) order by fa.id, t.id""".formatted(ownerColumn, ownerColumn),
                rs -> {
                    long owner = rs.getLong("owner");
                    forms.add(owner, row(SearchFields.SCHEMA_NAME, key(rs.getString("schema_name")),
                            SearchFields.CREATOR_NAME, key(rs.getString("username")),
                            SearchFields.TAG_NAME, key(rs.getString("tag"))));
                    forms.ref(owner, "form:" + rs.getLong("id"));
                    if (rs.getObject("tag_id") != null) {
                        forms.ref(owner, "tag:" + rs.getLong("tag_id"));
                    }
                }, (Object) ids);
        return forms;
    }

    /**
     * Attribute values of the images: on the image itself, on any of its segmentations (inactive ones
     * too) and on its model segmentations, with the feature of the (model) segmentation (docs/api.md
     * §4.3 attribute condition, rules 4–5). Text values are indexed as name keys. Rows come in a
     * fixed order (image, then the image's own values, its segmentations', its model
     * segmentations', each by owner, attribute and model): heap order moves when a value is updated,
     * and a rebuilt index must hold the same documents as the live one.
     */
    static SearchRows.Collector attributes(JdbcTemplate jdbc, Long[] imageIds) {
        SearchRows.Collector attributes = new SearchRows.Collector();
        jdbc.query("""
                select v.entity_id as image_id, 0 as source, v.entity_id as owner, v.attribute_id, v.model_id,
                       null::bigint as feature_id, null as feature, v.value_int, v.value_float, v.value_text,
                       v.value_json
                from attribute_value v where v.entity_kind = 'image_instance' and v.entity_id = any(?)
                union all
                select s.image_instance_id, 1, s.id, v.attribute_id, v.model_id, f.id, f.name, v.value_int,
                       v.value_float, v.value_text, v.value_json
                from segmentation s
                join attribute_value v on v.entity_kind = 'segmentation' and v.entity_id = s.id
                left join feature f on f.id = s.feature_id
                where s.image_instance_id = any(?)
                union all
                select ms.image_instance_id, 2, ms.id, v.attribute_id, v.model_id, f.id, f.name, v.value_int,
                       v.value_float, v.value_text, v.value_json
                from model_segmentation ms
                join attribute_value v on v.entity_kind = 'model_segmentation' and v.entity_id = ms.id
                left join model m on m.id = ms.model_id
                left join feature f on f.id = m.feature_id
                where ms.image_instance_id = any(?)
                order by image_id, source, owner, attribute_id, model_id""", rs -> {
            long image = rs.getLong("image_id");
            attributes.add(image, row(SearchFields.ATTRIBUTE_ID, rs.getLong("attribute_id"),
                    SearchFields.MODEL_ID, rs.getLong("model_id"),
                    SearchFields.FEATURE_NAME, key(rs.getString("feature")),
                    SearchFields.VALUE_INT, rs.getObject("value_int"),
                    SearchFields.VALUE_FLOAT, rs.getObject("value_float"),
                    SearchFields.VALUE_TEXT, key(rs.getString("value_text")),
                    SearchFields.VALUE_JSON, rs.getString("value_json")));
            if (rs.getObject("feature_id") != null) {
                attributes.ref(image, "feature:" + rs.getLong("feature_id"));
            }
        }, imageIds, imageIds, imageIds);
        return attributes;
    }
}
