package dev.macula.query.forms;

import dev.macula.api.forms.FormAnnotationView;
import dev.macula.api.forms.FormAnnotationMessages.FindFormAnnotationQuery;
import dev.macula.api.forms.FormAnnotationMessages.FindFormAnnotationsQuery;
import dev.macula.api.forms.FormAnnotationMessages.FindFormDataQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** Form annotation reads: one (active or not), filtered lists of active forms, and the stored data. */
@Component
class FormAnnotationQueryHandler {

    private final JdbcTemplate jdbc;
    private final FormAnnotationReader reader;

    FormAnnotationQueryHandler(JdbcTemplate jdbc, FormAnnotationReader reader) {
        this.jdbc = jdbc;
        this.reader = reader;
    }

    @QueryHandler
    FormAnnotationView handle(FindFormAnnotationQuery query) {
        return reader.where("f.id = ?", query.formAnnotationId().value()).stream().findFirst().orElse(null);
    }

    @QueryHandler
    List<FormAnnotationView> handle(FindFormAnnotationsQuery query) {
        StringBuilder sql = new StringBuilder("not f.inactive");
        List<Object> args = new ArrayList<>();
        filter(sql, args, "patient_id", query.patientId());
        filter(sql, args, "study_id", query.studyId());
        filter(sql, args, "image_instance_id", query.imageInstanceId());
        filter(sql, args, "form_schema_id", query.formSchemaId());
        filter(sql, args, "sub_task_id", query.subTaskId());
        filter(sql, args, "creator_id", query.creatorId());
        filter(sql, args, "valid", query.valid());
        sql.append(" order by f.id");
        if (query.limit() != null) {
            sql.append(" limit ").append(query.limit()).append(" offset ").append((long) query.limit() * query.page());
        }
        return reader.where(sql.toString(), args.toArray());
    }

    @QueryHandler
    String handle(FindFormDataQuery query) {
        List<String> found = jdbc.query("select form_data::text as d from form_annotation where id = ?",
                (rs, row) -> rs.getString("d"), query.formAnnotationId().value());
        return found.isEmpty() ? null : found.get(0) == null ? "null" : found.get(0);
    }

    private static void filter(StringBuilder sql, List<Object> args, String column, Object value) {
        if (value != null) {
            args.add(value);
            sql.append(" and f.").append(column).append(" = ?");
        }
    }
}
