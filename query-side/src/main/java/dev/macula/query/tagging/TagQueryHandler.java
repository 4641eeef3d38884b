package dev.macula.query.tagging;

import dev.macula.api.common.CreatorMeta;
import dev.macula.api.tagging.TagQueries.FindTagQuery;
import dev.macula.api.tagging.TagQueries.FindTagsQuery;
import dev.macula.api.tagging.TagType;
import dev.macula.api.tagging.TagView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;
import java.util.List;

/** Answers tag queries from the {@code tag} read model. */
@Component
class TagQueryHandler {

    private static final String SELECT = """
            select t.id, t.name, t.tag_type, t.description, t.date_inserted, t.creator_id, u.username
            from tag t left join app_user u on u.id = t.creator_id""";

    private static final RowMapper<TagView> ROW = (rs, i) -> new TagView(
            rs.getString("name"), TagType.valueOf(rs.getString("tag_type")), rs.getString("description"),
            rs.getLong("id"), new CreatorMeta(rs.getLong("creator_id"), rs.getString("username")),
            rs.getTimestamp("date_inserted").toInstant().atOffset(ZoneOffset.UTC).toLocalDateTime());

    private final JdbcTemplate jdbc;

    TagQueryHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    List<TagView> handle(FindTagsQuery query) {
        if (query.tagType() == null) {
            return jdbc.query(SELECT + " order by t.id", ROW);
        }
        return jdbc.query(SELECT + " where t.tag_type = ? order by t.id", ROW, query.tagType().name());
    }

    @QueryHandler
    TagView handle(FindTagQuery query) {
        return jdbc.query(SELECT + " where t.id = ?", ROW, query.tagId().value()).stream().findFirst().orElse(null);
    }
}
