package dev.macula.query.forms;

import dev.macula.api.forms.FormAnnotationView;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.api.common.CreatorMeta;
import dev.macula.api.tagging.TagMeta;
import dev.macula.api.tagging.TagType;
import dev.macula.query.tagging.TagLinkReader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * FormAnnotationGET (docs/api.md §3.0.11) from the {@code form_annotation} read model, for the form
 * handler and InstanceGET's list. Every form carries its real tags (docs/api.md §9.2 item 17; the original's
 * {@code []} is a quirk) and its {@code validation} against its schema, as the projection stored it.
 */
@Component
public class FormAnnotationReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = "select f.*, u.username from form_annotation f left join app_user u on u.id = f.creator_id";

    private final JdbcTemplate jdbc;
    private final TagLinkReader tagLinks;

    FormAnnotationReader(JdbcTemplate jdbc, TagLinkReader tagLinks) {
        this.jdbc = jdbc;
        this.tagLinks = tagLinks;
    }

    /** The forms matching {@code condition} (on {@code f}, the form_annotation row), with their tags. */
    List<FormAnnotationView> where(String condition, Object... args) {
        return withTags(jdbc.query(SELECT + " where " + condition, (rs, row) -> view(rs), args));
    }

    /**
     * Active forms of an image (InstanceGET). Their tags regardless of {@code with_tag_metadata}, which
     * governs the image's own tags: the forms' tags were always {@code []} before, so no client relies
     * on their absence.
     */
    public List<FormAnnotationView> ofImage(long imageId) {
        return where("f.image_instance_id = ? and not f.inactive order by f.id", imageId);
    }

    /** The forms' tag links, one query for the whole list. */
    private List<FormAnnotationView> withTags(List<FormAnnotationView> forms) {
        Map<Long, List<TagMeta>> tags = tagLinks.linksOf(TagType.FormAnnotation,
                forms.stream().map(FormAnnotationView::id).toList());
        return forms.stream().map(f -> f.withTags(tags.getOrDefault(f.id(), List.of()))).toList();
    }

    private static FormAnnotationView view(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        Long study = (Long) rs.getObject("study_id");
        Long image = (Long) rs.getObject("image_instance_id");
        JsonNode data = json(rs.getString("form_data"));
        JsonNode errors = json(rs.getString("validation_errors"));
        return new FormAnnotationView(rs.getLong("form_schema_id"), rs.getLong("patient_id"), study, image,
                rs.getString("laterality"), (Long) rs.getObject("sub_task_id"), data,
                (Long) rs.getObject("form_annotation_reference_id"), id, "grader_form",
                image != null ? "image_instance" : study != null ? "study" : "patient",
                List.of(),
                new CreatorMeta(rs.getLong("creator_id"), rs.getString("username")),
                rs.getTimestamp("date_inserted").toLocalDateTime(),
                rs.getTimestamp("date_modified") == null ? null : rs.getTimestamp("date_modified").toLocalDateTime(),
                new FormAnnotationView.Validation(rs.getBoolean("valid") || rs.getObject("valid") == null,
                        errors == null ? JSON.createArrayNode() : errors));
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
