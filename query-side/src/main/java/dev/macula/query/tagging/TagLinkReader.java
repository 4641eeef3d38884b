package dev.macula.query.tagging;

import dev.macula.api.common.CreatorMeta;
import dev.macula.api.tagging.TagId;
import dev.macula.api.tagging.TagMeta;
import dev.macula.api.tagging.TagType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tag links as TagMeta. A reader, not a handler, because images, segmentations and forms all embed
 * their links: their handlers share this instead of calling a handler's public methods.
 */
@Component
public class TagLinkReader {

    private static final String SELECT = """
            select t.id, t.name, l.object_id, l.tagger_id, u.username, l.date_inserted, l.comment
            from tag_link l join tag t on t.id = l.tag_id join app_user u on u.id = l.tagger_id
            where l.object_type = ? and l.object_id = ?""";

    private static final RowMapper<TagMeta> ROW = (rs, i) -> new TagMeta(rs.getLong("id"), rs.getString("name"),
            new CreatorMeta(rs.getLong("tagger_id"), rs.getString("username")),
            rs.getTimestamp("date_inserted").toInstant().atOffset(ZoneOffset.UTC).toLocalDateTime(),
            rs.getString("comment"));

    private final JdbcTemplate jdbc;

    public TagLinkReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One link, or null. */
    TagMeta link(TagType type, long objectId, TagId tagId) {
        return jdbc.query(SELECT + " and l.tag_id = ?", ROW, type.name(), objectId, tagId.value()).stream()
                .findFirst().orElse(null);
    }

    /** Links of one object whose tag and tagger exist, by tag id (docs/api.md §3.0.5, docs/api.md §9.1). */
    public List<TagMeta> linksOf(TagType type, long objectId) {
        return jdbc.query(SELECT + " order by t.id", ROW, type.name(), objectId);
    }

    /** Links of many objects at once (search pages), each list by tag id; objects without links are absent. */
    public Map<Long, List<TagMeta>> linksOf(TagType type, Collection<Long> objectIds) {
        Map<Long, List<TagMeta>> links = new HashMap<>();
        if (objectIds.isEmpty()) {
            return links;
        }
        jdbc.query(SELECT.replace("l.object_id = ?", "l.object_id = any(?)") + " order by l.object_id, t.id",
                rs -> {
                    links.computeIfAbsent(rs.getLong("object_id"), k -> new ArrayList<>()).add(ROW.mapRow(rs, 0));
                }, type.name(), objectIds.toArray(Long[]::new));
        return links;
    }
}
