package dev.macula.projection.search;

import dev.macula.api.search.SearchFields;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import static dev.macula.projection.search.SearchRows.date;
import static dev.macula.projection.search.SearchRows.dateTime;
import static dev.macula.projection.search.SearchRows.key;
import static dev.macula.projection.search.SearchRows.row;

/**
 * Instance documents: the image with its study, patient, project and device model, and one nested
 * row per (active segmentation × tag link), per (active form annotation × tag link) and per image
 * tag link, and one per attribute value of the image or its (model) segmentations. A row of a segmentation or form without tags has no {@code tag_name}, which is what
 * {@code Segmentation Tag Name == null} finds (docs/api.md §4.3, outer joins).
 */
@Component
class InstanceDocuments implements DocumentRenderer {

    private final JdbcTemplate jdbc;

    InstanceDocuments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String indexName() {
        return SearchFields.INSTANCES_INDEX;
    }

    @Override
    public Map<Long, Map<String, Object>> render(Collection<Long> ids) {
        Long[] idArray = ids.toArray(Long[]::new);
        SearchRows.Collector imageTags = LinkedRows.tags(jdbc, "ImageInstance", idArray);
        SearchRows.Collector segmentations = new SearchRows.Collector();
        jdbc.query("""
                select s.image_instance_id, s.id, s.feature_id, f.name as feature, u.username, t.id as tag_id,
                       t.name as tag
                from segmentation s
                left join feature f on f.id = s.feature_id
                left join app_user u on u.id = s.creator_id
                left join tag_link l on l.object_type = 'Segmentation' and l.object_id = s.id
                left join tag t on t.id = l.tag_id
                where not s.inactive and s.image_instance_id = any(?) order by s.id, t.id""", rs -> {
            long id = rs.getLong(1);
            segmentations.add(id, row(SearchFields.FEATURE_NAME, key(rs.getString("feature")),
                    SearchFields.CREATOR_NAME, key(rs.getString("username")),
                    SearchFields.TAG_NAME, key(rs.getString("tag"))));
            segmentations.ref(id, "segmentation:" + rs.getLong(2));
            segmentations.ref(id, "feature:" + rs.getLong(3));
            if (rs.getObject("tag_id") != null) {
                segmentations.ref(id, "tag:" + rs.getLong("tag_id"));
            }
        }, (Object) idArray);
        SearchRows.Collector forms = LinkedRows.forms(jdbc, "image_instance_id", idArray);
        SearchRows.Collector attributes = LinkedRows.attributes(jdbc, idArray);

        Map<Long, Map<String, Object>> documents = new HashMap<>();
        jdbc.query("""
                select i.id, i.inactive, i.modality, i.laterality, i.etdrs_field, i.cf_quality, st.id as study_id,
                       st.study_date, pa.identifier, pa.sex, pa.birth_date, pr.name as project_name,
                       di.device_model_id, i.date_inserted
                from image_instance i
                join series se on se.id = i.series_id
                join study st on st.id = se.study_id
                join patient pa on pa.id = st.patient_id
                join project pr on pr.id = pa.project_id
                left join device_instance di on di.id = i.device_instance_id
                where i.id = any(?)""", rs -> {
            long id = rs.getLong("id");
            Map<String, Object> document = row(
                    SearchFields.ID, id,
                    SearchFields.ACTIVE, !rs.getBoolean("inactive"),
                    SearchFields.MODALITY, rs.getString("modality"),
                    SearchFields.LATERALITY, rs.getString("laterality"),
                    SearchFields.ETDRS_FIELD, rs.getString("etdrs_field"),
                    SearchFields.CF_QUALITY, rs.getObject("cf_quality"),
                    SearchFields.STUDY_ID, rs.getLong("study_id"),
                    SearchFields.STUDY_DATE, date(rs.getDate("study_date")),
                    SearchFields.PATIENT_IDENTIFIER, key(rs.getString("identifier")),
                    SearchFields.PATIENT_SEX, rs.getString("sex"),
                    SearchFields.PATIENT_BIRTHDATE, date(rs.getDate("birth_date")),
                    SearchFields.PROJECT_NAME, key(rs.getString("project_name")),
                    SearchFields.DEVICE_MODEL_ID, rs.getObject("device_model_id"),
                    SearchFields.DATE_INSERTED, dateTime(rs.getTimestamp("date_inserted")));
            document.put(SearchFields.IMAGE_TAGS, imageTags.rows(id));
            document.put(SearchFields.SEGMENTATIONS, segmentations.rows(id));
            document.put(SearchFields.FORMS, forms.rows(id));
            document.put(SearchFields.ATTRIBUTES, attributes.rows(id));
            Set<String> refs = new LinkedHashSet<>(imageTags.refs(id));
            refs.addAll(segmentations.refs(id));
            refs.addAll(forms.refs(id));
            refs.addAll(attributes.refs(id));
            document.put(SearchFields.REFS, new ArrayList<>(refs));
            documents.put(id, document);
        }, (Object) idArray);
        return documents;
    }
}
