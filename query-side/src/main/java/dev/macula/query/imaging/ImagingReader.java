package dev.macula.query.imaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.tagging.TagMeta;
import dev.macula.api.tagging.TagType;
import dev.macula.query.imaging.ImagingViews.DeviceMeta;
import dev.macula.query.imaging.ImagingViews.InstanceMeta;
import dev.macula.query.imaging.ImagingViews.InstanceView;
import dev.macula.query.imaging.ImagingViews.PatientMeta;
import dev.macula.query.imaging.ImagingViews.ProjectMeta;
import dev.macula.query.imaging.ImagingViews.ScanMeta;
import dev.macula.query.imaging.ImagingViews.SeriesMeta;
import dev.macula.query.imaging.ImagingViews.SeriesView;
import dev.macula.query.imaging.ImagingViews.StudyMeta;
import dev.macula.query.imaging.ImagingViews.StudyView;
import dev.macula.query.attributes.AttributeReader;
import dev.macula.query.tagging.TagLinkReader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads images and studies in their wire shapes (docs/api.md §3.0.3–3.0.6) from the hierarchy read
 * model, many at a time: a search page of 200 images is a handful of set-based queries, not 200.
 */
@Component
public class ImagingReader {

    private static final String UNKNOWN = "Unknown";

    private final JdbcTemplate jdbc;
    private final TagLinkReader tagLinks;
    private final AttributeReader attributes;
    private final ObjectMapper json = new ObjectMapper();

    ImagingReader(JdbcTemplate jdbc, TagLinkReader tagLinks, AttributeReader attributes) {
        this.jdbc = jdbc;
        this.tagLinks = tagLinks;
        this.attributes = attributes;
    }

    /** What an image carries beyond its own row; each list may be null (absent from the answer). */
    public interface Extras {
        Extras NONE = new Extras() {
        };

        default List<?> segmentations(long instanceId) {
            return null;
        }

        default List<?> modelSegmentations(long instanceId) {
            return null;
        }

        default List<?> formAnnotations(long instanceId) {
            return null;
        }
    }

    /** Images by id; unknown ids are absent. Tags are filled only when asked for (docs/api.md §3.0.5), else {@code []}. */
    public Map<Long, InstanceView> instances(Collection<Long> ids, boolean withTags, Extras extras) {
        Map<Long, InstanceView> views = new HashMap<>();
        if (ids.isEmpty()) {
            return views;
        }
        Map<Long, List<TagMeta>> tags = withTags ? tagLinks.linksOf(TagType.ImageInstance, ids) : Map.of();
        Map<Long, Map<String, Object>> attributesOf = attributes.ofImages(ids);
        jdbc.query("""
                        select i.*, se.id as s_id, st.id as st_id, st.study_date, pa.id as pa_id, pa.identifier,
                               pa.birth_date, pr.id as pr_id, pr.name as pr_name, dm.manufacturer, dm.model,
                               sc.scan_mode
                        from image_instance i
                        join series se on se.id = i.series_id
                        join study st on st.id = se.study_id
                        join patient pa on pa.id = st.patient_id
                        join project pr on pr.id = pa.project_id
                        left join device_instance di on di.id = i.device_instance_id
                        left join device_model dm on dm.id = di.device_model_id
                        left join scan sc on sc.id = i.scan_id
                        where i.id = any(?)""",
                rs -> {
                    long id = rs.getLong("id");
                    views.put(id, instance(rs, tags.getOrDefault(id, List.of()), attributesOf.getOrDefault(id, Map.of()),
                            extras));
                }, (Object) ids.toArray(Long[]::new));
        return views;
    }

    /** Studies in the given order with all their series (active image ids) and their tags; unknown ids are skipped. */
    public List<StudyView> studies(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Long[] idArray = ids.toArray(Long[]::new);
        Map<Long, List<TagMeta>> tags = tagLinks.linksOf(TagType.Study, ids);
        Map<Long, List<SeriesView>> series = series(idArray);
        Map<Long, StudyView> studies = new HashMap<>();
        jdbc.query("""
                        select st.id, st.description, st.study_date, pa.id as pa_id, pa.identifier, pa.birth_date,
                               pr.id as pr_id, pr.name as pr_name
                        from study st join patient pa on pa.id = st.patient_id join project pr on pr.id = pa.project_id
                        where st.id = any(?)""",
                rs -> {
                    long id = rs.getLong("id");
                    LocalDate date = rs.getDate("study_date").toLocalDate();
                    LocalDate birth = localDate(rs.getDate("birth_date"));
                    studies.put(id, new StudyView(id, rs.getString("description"), date.atStartOfDay(),
                            birth == null ? null : ChronoUnit.DAYS.between(birth, date) / 365.25,
                            new ProjectMeta(rs.getLong("pr_id"), rs.getString("pr_name")),
                            new PatientMeta(rs.getLong("pa_id"), nullToEmpty(rs.getString("identifier")), birth),
                            series.getOrDefault(id, List.of()), tags.getOrDefault(id, List.of())));
                }, (Object) idArray);
        return ids.stream().map(studies::get).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * Every active image of the studies' series, including images without a modality, by id
     * (docs/api.md §4.5, docs/api.md §9.2 item 43), with their tags.
     */
    public List<InstanceMeta> instanceMetasOfStudies(Collection<Long> studyIds) {
        if (studyIds.isEmpty()) {
            return List.of();
        }
        List<InstanceMeta> untagged = jdbc.query("""
                select i.id, i.thumbnail_path, i.modality, i.dicom_modality, i.etdrs_field, i.laterality,
                       i.anatomic_region, dm.manufacturer, dm.model
                from image_instance i
                join series se on se.id = i.series_id
                left join device_instance di on di.id = i.device_instance_id
                left join device_model dm on dm.id = di.device_model_id
                where se.study_id = any(?) and not i.inactive order by i.id""", (rs, row) -> {
            Integer anatomicRegion = (Integer) rs.getObject("anatomic_region");
            String manufacturer = rs.getString("manufacturer");
            return new InstanceMeta(rs.getLong("id"), nullToEmpty(rs.getString("thumbnail_path")),
                    rs.getString("modality"), rs.getString("dicom_modality"), rs.getString("etdrs_field"),
                    rs.getString("laterality"), anatomicRegion == null ? "" : anatomicRegion.toString(),
                    new DeviceMeta(manufacturer == null ? UNKNOWN : manufacturer,
                            manufacturer == null ? UNKNOWN : rs.getString("model")), List.of());
        }, (Object) studyIds.toArray(Long[]::new));
        Map<Long, List<TagMeta>> tags = tagLinks.linksOf(TagType.ImageInstance,
                untagged.stream().map(InstanceMeta::id).toList());
        return untagged.stream().map(m -> new InstanceMeta(m.id(), m.thumbnailPath(), m.modality(), m.dicomModality(),
                m.etdrsField(), m.laterality(), m.anatomicRegion(), m.device(), tags.getOrDefault(m.id(), List.of())))
                .toList();
    }

    /** Series of the studies in id order, each with its active images in id order. */
    private Map<Long, List<SeriesView>> series(Long[] studyIds) {
        Map<Long, List<Long>> images = new HashMap<>();
        Map<Long, String> laterality = new HashMap<>();
        jdbc.query("""
                select i.series_id, i.id, i.laterality from image_instance i join series se on se.id = i.series_id
                where se.study_id = any(?) and not i.inactive order by i.id""",
                rs -> {
                    long series = rs.getLong("series_id");
                    images.computeIfAbsent(series, k -> new ArrayList<>()).add(rs.getLong("id"));
                    laterality.putIfAbsent(series, rs.getString("laterality"));
                }, (Object) studyIds);
        Map<Long, List<SeriesView>> byStudy = new LinkedHashMap<>();
        jdbc.query("select id, study_id, series_number, series_instance_uid from series where study_id = any(?) order by id",
                rs -> {
                    long id = rs.getLong("id");
                    byStudy.computeIfAbsent(rs.getLong("study_id"), k -> new ArrayList<>()).add(new SeriesView(id,
                            laterality.get(id), (Integer) rs.getObject("series_number"),
                            nullToEmpty(rs.getString("series_instance_uid")), images.getOrDefault(id, List.of())));
                }, (Object) studyIds);
        return byStudy;
    }

    private InstanceView instance(ResultSet rs, List<TagMeta> tags, Map<String, Object> attributes, Extras extras)
            throws SQLException {
        long id = rs.getLong("id");
        Integer angiography = (Integer) rs.getObject("angiography");
        Integer anatomicRegion = (Integer) rs.getObject("anatomic_region");
        Integer frames = (Integer) rs.getObject("nr_of_frames");
        String thumbnail = nullToEmpty(rs.getString("thumbnail_path"));
        String manufacturer = rs.getString("manufacturer");
        String scanMode = rs.getString("scan_mode");
        return new InstanceView(nullToEmpty(rs.getString("sop_instance_uid")), rs.getString("dataset_identifier"),
                thumbnail, thumbnail, rs.getString("modality"), rs.getString("dicom_modality"),
                rs.getString("etdrs_field"),
                angiography == null || angiography == 0 ? "" : angiography.toString(), rs.getString("laterality"),
                anatomicRegion == null ? "" : anatomicRegion.toString(), rs.getInt("rows_y"), rs.getInt("columns_x"),
                frames == null || frames == 0 ? 1 : frames, rs.getDouble("resolution_horizontal"),
                rs.getDouble("resolution_vertical"), rs.getDouble("resolution_axial"), jsonOf(rs.getString("cf_roi")),
                jsonOf(rs.getString("cf_keypoints")), (Double) rs.getObject("cf_quality"),
                localDateTime(rs.getTimestamp("date_inserted")), localDateTime(rs.getTimestamp("date_modified")),
                localDateTime(rs.getTimestamp("date_preprocessed")), id,
                new ProjectMeta(rs.getLong("pr_id"), rs.getString("pr_name")),
                new PatientMeta(rs.getLong("pa_id"), nullToEmpty(rs.getString("identifier")),
                        localDate(rs.getDate("birth_date"))),
                new StudyMeta(rs.getLong("st_id"), rs.getDate("study_date").toLocalDate().atStartOfDay()),
                new SeriesMeta(rs.getLong("s_id")),
                new DeviceMeta(manufacturer == null ? UNKNOWN : manufacturer,
                        manufacturer == null ? UNKNOWN : rs.getString("model")),
                new ScanMeta(scanMode == null ? UNKNOWN : scanMode),
                tags, extras.segmentations(id), extras.modelSegmentations(id), extras.formAnnotations(id),
                attributes);
    }

    private JsonNode jsonOf(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static LocalDateTime localDateTime(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime();
    }
}
