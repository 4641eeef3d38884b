package dev.macula.query.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.common.ApiException;
import dev.macula.api.common.CreatorMeta;
import dev.macula.api.common.LaxValues;
import dev.macula.api.forms.FormAnnotationMessages.FindFormAnnotationQuery;
import dev.macula.api.forms.FormAnnotationView.Validation;
import dev.macula.api.forms.FormAnnotationView;
import dev.macula.api.tagging.TagMeta;
import dev.macula.api.tagging.TagType;
import dev.macula.query.tagging.TagLinkQueryHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * FormAnnotationGET (contract §3.0.11): by id, filtered lists, the value endpoint, and InstanceGET's list.
 * Every form carries its real tags (§9.2 item 17; the original's {@code []} is a quirk) and its
 * {@code validation} against its schema, as the projection stored it.
 */
@RestController
public class FormAnnotationQueries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = "select f.*, u.username from form_annotation f left join app_user u on u.id = f.creator_id";

    private final JdbcTemplate jdbc;
    private final TagLinkQueryHandler tagLinks;

    FormAnnotationQueries(JdbcTemplate jdbc, TagLinkQueryHandler tagLinks) {
        this.jdbc = jdbc;
        this.tagLinks = tagLinks;
    }

    @QueryHandler
    FormAnnotationView handle(FindFormAnnotationQuery query) {
        return withTags(jdbc.query(SELECT + " where f.id = ?", (rs, row) -> view(rs), query.formAnnotationId().value()))
                .stream().findFirst().orElse(null);
    }

    /**
     * Active forms of an image (InstanceGET). Their tags regardless of {@code with_tag_metadata}, which
     * governs the image's own tags: the forms' tags were always {@code []} before, so no client relies
     * on their absence.
     */
    public List<FormAnnotationView> ofImage(long imageId) {
        return withTags(jdbc.query(SELECT + " where f.image_instance_id = ? and not f.inactive order by f.id",
                (rs, row) -> view(rs), imageId));
    }

    @GetMapping("/api/form-annotations/{annotation_id}")
    FormAnnotationView one(@PathVariable("annotation_id") long id) {
        return withTags(jdbc.query(SELECT + " where f.id = ?", (rs, row) -> view(rs), id)).stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("FormAnnotation not found"));
    }

    /** The stored form data as the whole body ({@code null} when empty). */
    @GetMapping("/api/form-annotations/{form_annotation_id}/value")
    ResponseEntity<String> value(@PathVariable("form_annotation_id") long id) {
        List<String> found = jdbc.query("select form_data::text as d from form_annotation where id = ?",
                (rs, row) -> rs.getString("d"), id);
        if (found.isEmpty()) {
            throw ApiException.notFound("FormAnnotation not found");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(found.get(0) == null ? "null" : found.get(0));
    }

    /**
     * Active forms, AND-combined exact filters (incl. creator_id), {@code valid=true|false} (their state
     * against the schema), optional limit/page; id order.
     */
    @GetMapping("/api/form-annotations")
    List<FormAnnotationView> list(@RequestParam(name = "patient_id", required = false) String patient,
                                  @RequestParam(name = "study_id", required = false) String study,
                                  @RequestParam(name = "image_instance_id", required = false) String image,
                                  @RequestParam(name = "form_schema_id", required = false) String schema,
                                  @RequestParam(name = "sub_task_id", required = false) String subTask,
                                  @RequestParam(name = "creator_id", required = false) String creator,
                                  @RequestParam(name = "valid", required = false) String valid,
                                  @RequestParam(name = "limit", required = false) String limit,
                                  @RequestParam(name = "page", required = false) String page) {
        StringBuilder sql = new StringBuilder(SELECT + " where not f.inactive");
        List<Object> args = new ArrayList<>();
        filter(sql, args, "patient_id", patient);
        filter(sql, args, "study_id", study);
        filter(sql, args, "image_instance_id", image);
        filter(sql, args, "form_schema_id", schema);
        filter(sql, args, "sub_task_id", subTask);
        filter(sql, args, "creator_id", creator);
        if (valid != null) {
            args.add(LaxValues.queryBool("valid", valid, true));
            sql.append(" and f.valid = ?");
        }
        sql.append(" order by f.id");
        if (limit != null) {
            int size = LaxValues.queryInt("limit", limit, 200, 1, 100_000);
            int offset = LaxValues.queryInt("page", page, 0, 0, Integer.MAX_VALUE);
            sql.append(" limit ").append(size).append(" offset ").append((long) size * offset);
        }
        return withTags(jdbc.query(sql.toString(), (rs, row) -> view(rs), args.toArray()));
    }

    /** The forms' tag links, one query for the whole list. */
    private List<FormAnnotationView> withTags(List<FormAnnotationView> forms) {
        Map<Long, List<TagMeta>> tags = tagLinks.linksOf(TagType.FormAnnotation,
                forms.stream().map(FormAnnotationView::id).toList());
        return forms.stream().map(f -> f.withTags(tags.getOrDefault(f.id(), List.of()))).toList();
    }

    private static void filter(StringBuilder sql, List<Object> args, String column, String raw) {
        if (raw != null) {
            args.add((long) LaxValues.queryInt(column, raw, 0, Integer.MIN_VALUE, Integer.MAX_VALUE));
            sql.append(" and f.").append(column).append(" = ?");
        }
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
                new Validation(rs.getBoolean("valid") || rs.getObject("valid") == null,
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
