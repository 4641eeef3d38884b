package dev.macula.infra.exports;

import dev.macula.infra.exports.Table.Column;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the tables of a dataset snapshot from the read models with plain SQL. The caller runs it
 * inside {@code TimeTravel.at(position, ...)}, so the unqualified table names resolve to the as-of
 * views and every row is as it was at the snapshot's position. Rows come ordered by their ids, so
 * the same moment always gives the same rows in the same order.
 */
@Component
class SnapshotReader {

    /** The project's active images; with a task, only those in one of its sub-tasks. */
    private static final String IMAGES = """
            select i.id from image_instance i
            where i.project_id = :project and not i.inactive
              and (cast(:task as bigint) is null or exists (
                  select 1 from subtask_image si join subtask st on st.id = si.subtask_id
                  where si.image_instance_id = i.id and st.task_id = :task))""";

    private static final String SUB_TASKS = "select st.id from subtask st where st.task_id = :task";

    private static final String STUDIES = "select se.study_id from series se join image_instance i on i.series_id = se.id"
            + " where i.id in (" + IMAGES + ")";

    /** Active segmentations of those images; with a task, only those made in its sub-tasks. */
    private static final String SEGMENTATIONS = "select g.id from segmentation g where not g.inactive"
            + " and g.image_instance_id in (" + IMAGES + ")"
            + " and (cast(:task as bigint) is null or g.subtask_id in (" + SUB_TASKS + "))";

    /** Active form annotations on the project's patients; with a task, only those of its sub-tasks. */
    private static final String FORMS = """
            select f.id from form_annotation f join patient p on p.id = f.patient_id
            where p.project_id = :project and not f.inactive
              and (cast(:task as bigint) is null or f.sub_task_id in (%s))""".formatted(SUB_TASKS);

    private final NamedParameterJdbcTemplate jdbc;

    SnapshotReader(JdbcTemplate jdbc) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    /** Form annotations as read, before their schema fields are flattened into columns. */
    record FormRows(List<Column> columns, List<List<Object>> rows, List<String> formData, List<String> schemas) {
    }

    private static MapSqlParameterSource scope(ExportRequest request) {
        return new MapSqlParameterSource().addValue("project", request.projectId(), Types.BIGINT)
                .addValue("task", request.taskId(), Types.BIGINT);
    }

    Table images(ExportRequest request) {
        return table("images", List.of(
                        col("instance_id", "BIGINT"), col("path", "VARCHAR"), col("patient_id", "BIGINT"),
                        col("patient_identifier", "VARCHAR"), col("study_id", "BIGINT"), col("study_date", "DATE"),
                        col("study_instance_uid", "VARCHAR"), col("series_id", "BIGINT"),
                        col("series_instance_uid", "VARCHAR"), col("sop_instance_uid", "VARCHAR"),
                        col("laterality", "VARCHAR"), col("modality", "VARCHAR"), col("dicom_modality", "VARCHAR"),
                        col("width", "INTEGER"), col("height", "INTEGER"), col("frames", "INTEGER")), """
                        select i.id, i.dataset_identifier, p.id, p.identifier, s.id, s.study_date::text,
                               se.study_instance_uid, se.id, se.series_instance_uid, i.sop_instance_uid,
                               i.laterality, i.modality, i.dicom_modality, i.columns_x, i.rows_y, i.nr_of_frames
                        from image_instance i join series se on se.id = i.series_id join study s on s.id = se.study_id
                        join patient p on p.id = s.patient_id
                        where i.id in (%s) order by i.id""".formatted(IMAGES), scope(request));
    }

    Table tags(ExportRequest request) {
        return table("tags", List.of(
                        col("object_kind", "VARCHAR"), col("object_id", "BIGINT"), col("tag_id", "BIGINT"),
                        col("tag_name", "VARCHAR"), col("tagger_id", "BIGINT"), col("tagger_name", "VARCHAR"),
                        col("date", "TIMESTAMP"), col("comment", "VARCHAR")), """
                        select l.object_type, l.object_id, l.tag_id, t.name, l.tagger_id, u.username,
                               l.date_inserted::text, l.comment
                        from tag_link l join tag t on t.id = l.tag_id left join app_user u on u.id = l.tagger_id
                        where (l.object_type = 'ImageInstance' and l.object_id in (%s))
                           or (l.object_type = 'Study' and l.object_id in (%s))
                           or (l.object_type = 'Segmentation' and l.object_id in (%s))
                           or (l.object_type = 'FormAnnotation' and l.object_id in (%s))
                        order by l.object_type, l.object_id, l.tag_id""".formatted(IMAGES, STUDIES, SEGMENTATIONS, FORMS),
                scope(request));
    }

    Table segmentations(ExportRequest request) {
        return table("segmentations", List.of(
                        col("segmentation_id", "BIGINT"), col("instance_id", "BIGINT"), col("feature_id", "BIGINT"),
                        col("feature_name", "VARCHAR"), col("grader_id", "BIGINT"), col("grader_name", "VARCHAR"),
                        col("sub_task_id", "BIGINT"), col("data_type", "VARCHAR"), col("depth", "INTEGER"),
                        col("height", "INTEGER"), col("width", "INTEGER"), col("data_version", "INTEGER"),
                        col("checksum", "VARCHAR"), col("mask", "VARCHAR"), col("date_inserted", "TIMESTAMP"),
                        col("date_modified", "TIMESTAMP")), """
                        select g.id, g.image_instance_id, g.feature_id, ft.name, g.creator_id, u.username, g.subtask_id,
                               g.data_type, g.depth, g.height, g.width, g.data_version, g.data_checksum,
                               case when g.data_checksum is null then null else 'masks/' || g.id || '.npy' end,
                               g.date_inserted::text, g.date_modified::text
                        from segmentation g join feature ft on ft.id = g.feature_id
                        left join app_user u on u.id = g.creator_id
                        where g.id in (%s) order by g.id""".formatted(SEGMENTATIONS), scope(request));
    }

    /**
     * Attribute values of the snapshot's objects: its images, their active segmentations (as the
     * segmentations table), their model segmentations, studies and patients; one row per value with its
     * attribute, data type, model and version, the value in the column of its type.
     */
    Table attributes(ExportRequest request) {
        return table("attributes", List.of(
                        col("object_kind", "VARCHAR"), col("object_id", "BIGINT"), col("attribute_id", "BIGINT"),
                        col("attribute", "VARCHAR"), col("data_type", "VARCHAR"), col("model", "VARCHAR"),
                        col("model_version", "VARCHAR"), col("laterality", "VARCHAR"), col("value_int", "BIGINT"),
                        col("value_float", "DOUBLE"), col("value_text", "VARCHAR"), col("value_json", "VARCHAR")), """
                        select v.entity_kind, v.entity_id, d.id, d.name, d.data_type, m.name, m.version, v.laterality,
                               v.value_int, v.value_float, v.value_text, v.value_json
                        from attribute_value v join attribute_definition d on d.id = v.attribute_id
                        join model m on m.id = v.model_id
                        where (v.entity_kind = 'image_instance' and v.entity_id in (%1$s))
                           or (v.entity_kind = 'segmentation' and v.entity_id in (%2$s))
                           or (v.entity_kind = 'model_segmentation' and v.entity_id in (
                               select ms.id from model_segmentation ms where ms.image_instance_id in (%1$s)))
                           or (v.entity_kind = 'study' and v.entity_id in (%3$s))
                           or (v.entity_kind = 'patient' and v.entity_id in (
                               select s.patient_id from study s where s.id in (%3$s)))
                        order by v.entity_kind, v.entity_id, d.id, m.id""".formatted(IMAGES, SEGMENTATIONS, STUDIES),
                scope(request));
    }

    FormRows forms(ExportRequest request) {
        List<String> formData = new ArrayList<>();
        List<String> schemas = new ArrayList<>();
        List<Column> columns = List.of(
                col("form_annotation_id", "BIGINT"), col("form_schema_id", "BIGINT"), col("form_schema_name", "VARCHAR"),
                col("patient_id", "BIGINT"), col("study_id", "BIGINT"), col("instance_id", "BIGINT"),
                col("laterality", "VARCHAR"), col("sub_task_id", "BIGINT"), col("grader_id", "BIGINT"),
                col("grader_name", "VARCHAR"), col("valid", "BOOLEAN"), col("date_inserted", "TIMESTAMP"),
                col("date_modified", "TIMESTAMP"));
        List<List<Object>> rows = jdbc.query("""
                select f.id, f.form_schema_id, fs.name, f.patient_id, f.study_id, f.image_instance_id, f.laterality,
                       f.sub_task_id, f.creator_id, u.username, f.valid, f.date_inserted::text, f.date_modified::text,
                       f.form_data::text as form_data, fs.schema::text as form_schema
                from form_annotation f join form_schema fs on fs.id = f.form_schema_id
                left join app_user u on u.id = f.creator_id
                where f.id in (%s) order by f.id""".formatted(FORMS), scope(request), (rs, n) -> {
            formData.add(rs.getString("form_data"));
            schemas.add(rs.getString("form_schema"));
            return values(rs, columns.size());
        });
        return new FormRows(columns, rows, formData, schemas);
    }

    private Table table(String name, List<Column> columns, String sql, MapSqlParameterSource scope) {
        return new Table(name, columns, jdbc.query(sql, scope, (rs, n) -> values(rs, columns.size())));
    }

    private static List<Object> values(ResultSet rs, int count) throws SQLException {
        List<Object> values = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            values.add(rs.getObject(i));
        }
        return values;
    }

    private static Column col(String name, String type) {
        return new Column(name, type);
    }
}
