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
 * Study documents: the study with patient and project, nested rows per study tag link, per
 * (active study-level form annotation × tag link) — forms whose {@code study_id} is the study,
 * whether or not they also point at an image (docs/api.md §4.5) — and per series (Study Instance UID).
 */
@Component
class StudyDocuments implements DocumentRenderer {

    private final JdbcTemplate jdbc;

    StudyDocuments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String indexName() {
        return SearchFields.STUDIES_INDEX;
    }

    @Override
    public Map<Long, Map<String, Object>> render(Collection<Long> ids) {
        Long[] idArray = ids.toArray(Long[]::new);
        SearchRows.Collector studyTags = LinkedRows.tags(jdbc, "Study", idArray);
        SearchRows.Collector series = new SearchRows.Collector();
        jdbc.query("select study_id, study_instance_uid from series where study_id = any(?) order by id",
                rs -> {
                    series.add(rs.getLong(1), row(SearchFields.STUDY_INSTANCE_UID, key(rs.getString(2))));
                }, (Object) idArray);
        SearchRows.Collector forms = LinkedRows.forms(jdbc, "study_id", idArray);

        Map<Long, Map<String, Object>> documents = new HashMap<>();
        jdbc.query("""
                select st.id, st.study_date, st.description, st.study_round, pa.identifier, pa.sex, pa.birth_date,
                       pr.name as project_name, st.date_inserted
                from study st
                join patient pa on pa.id = st.patient_id
                join project pr on pr.id = pa.project_id
                where st.id = any(?)""", rs -> {
            long id = rs.getLong("id");
            Map<String, Object> document = row(
                    SearchFields.ID, id,
                    SearchFields.STUDY_DATE, date(rs.getDate("study_date")),
                    SearchFields.STUDY_DESCRIPTION, key(rs.getString("description")),
                    SearchFields.STUDY_ROUND, rs.getObject("study_round"),
                    SearchFields.PATIENT_IDENTIFIER, key(rs.getString("identifier")),
                    SearchFields.PATIENT_SEX, rs.getString("sex"),
                    SearchFields.PATIENT_BIRTHDATE, date(rs.getDate("birth_date")),
                    SearchFields.PROJECT_NAME, key(rs.getString("project_name")),
                    SearchFields.DATE_INSERTED, dateTime(rs.getTimestamp("date_inserted")));
            document.put(SearchFields.STUDY_TAGS, studyTags.rows(id));
            document.put(SearchFields.FORMS, forms.rows(id));
            document.put(SearchFields.SERIES, series.rows(id));
            Set<String> refs = new LinkedHashSet<>(studyTags.refs(id));
            refs.addAll(forms.refs(id));
            document.put(SearchFields.REFS, new ArrayList<>(refs));
            documents.put(id, document);
        }, (Object) idArray);
        return documents;
    }
}
