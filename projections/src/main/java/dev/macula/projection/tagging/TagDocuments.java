package dev.macula.projection.tagging;

import dev.macula.api.search.SearchFields;
import dev.macula.projection.search.DocumentRenderer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tag documents ({@link dev.macula.api.tagging.TagDocument}'s fields) from the tag read model. */
@Component
class TagDocuments implements DocumentRenderer {

    private final JdbcTemplate jdbc;

    TagDocuments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String indexName() {
        return SearchFields.TAGS_INDEX;
    }

    @Override
    public Map<Long, Map<String, Object>> render(Collection<Long> ids) {
        Map<Long, Map<String, Object>> documents = new HashMap<>();
        jdbc.query("""
                select t.id, t.name, t.name_key, t.tag_type, t.description, t.creator_id, u.username, t.date_inserted
                from tag t left join app_user u on u.id = t.creator_id where t.id = any(?)""", rs -> {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("id", rs.getLong("id"));
            document.put("name", rs.getString("name"));
            document.put("name_key", rs.getString("name_key"));
            document.put("tag_type", rs.getString("tag_type"));
            document.put("description", rs.getString("description"));
            document.put("creator_id", rs.getLong("creator_id"));
            document.put("creator_name", rs.getString("username"));
            document.put("date_inserted", rs.getTimestamp("date_inserted").toLocalDateTime().toString());
            documents.put(rs.getLong("id"), document);
        }, (Object) ids.toArray(Long[]::new));
        return documents;
    }
}
