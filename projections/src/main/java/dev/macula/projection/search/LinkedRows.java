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
}
