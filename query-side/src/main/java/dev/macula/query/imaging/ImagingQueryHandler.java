package dev.macula.query.imaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.imaging.ImagingQueries.FindDeviceModelsQuery;
import dev.macula.api.imaging.ImagingQueries.FindInstanceQuery;
import dev.macula.api.imaging.ImagingQueries.FindStudyQuery;
import dev.macula.api.tagging.TagType;
import dev.macula.query.imaging.ImagingViews.DeviceMeta;
import dev.macula.query.imaging.ImagingViews.DeviceModelView;
import dev.macula.query.imaging.ImagingViews.InstanceView;
import dev.macula.query.imaging.ImagingViews.PatientMeta;
import dev.macula.query.imaging.ImagingViews.ProjectMeta;
import dev.macula.query.imaging.ImagingViews.ScanMeta;
import dev.macula.query.imaging.ImagingViews.SeriesMeta;
import dev.macula.query.imaging.ImagingViews.SeriesView;
import dev.macula.query.imaging.ImagingViews.StudyMeta;
import dev.macula.query.imaging.ImagingViews.StudyView;
import dev.macula.query.forms.FormAnnotationQueries;
import dev.macula.query.segmentation.ModelSegmentationQueries;
import dev.macula.query.segmentation.SegmentationQueryHandler;
import dev.macula.query.tagging.TagLinkQueryHandler;
import org.axonframework.queryhandling.QueryHandler;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answers image, study and device queries from the hierarchy read model (contract §3.0.3–3.0.5). */
@Component
class ImagingQueryHandler {

    private static final String UNKNOWN = "Unknown";

    private final JdbcTemplate jdbc;
    private final TagLinkQueryHandler tagLinks;
    private final SegmentationQueryHandler segmentations;
    private final ModelSegmentationQueries modelSegmentations;
    private final FormAnnotationQueries formAnnotations;
    private final ObjectMapper json = new ObjectMapper();

    ImagingQueryHandler(JdbcTemplate jdbc, TagLinkQueryHandler tagLinks, SegmentationQueryHandler segmentations,
                        ModelSegmentationQueries modelSegmentations, FormAnnotationQueries formAnnotations) {
        this.formAnnotations = formAnnotations;
        this.modelSegmentations = modelSegmentations;
        this.jdbc = jdbc;
        this.tagLinks = tagLinks;
        this.segmentations = segmentations;
    }

    @QueryHandler
    InstanceView handle(FindInstanceQuery query) {
        return jdbc.query("""
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
                        where i.id = ?""",
                (rs, row) -> instance(rs, query), query.instanceId().value()).stream().findFirst().orElse(null);
    }

    @QueryHandler
    StudyView handle(FindStudyQuery query) {
        StudyView study = jdbc.query("""
                        select st.id, st.description, st.study_date, pa.id as pa_id, pa.identifier, pa.birth_date,
                               pr.id as pr_id, pr.name as pr_name
                        from study st join patient pa on pa.id = st.patient_id join project pr on pr.id = pa.project_id
                        where st.id = ?""",
                (rs, row) -> {
                    LocalDate date = rs.getDate("study_date").toLocalDate();
                    LocalDate birth = localDate(rs.getDate("birth_date"));
                    return new StudyView(rs.getLong("id"), rs.getString("description"), date.atStartOfDay(),
                            birth == null ? null : ChronoUnit.DAYS.between(birth, date) / 365.25,
                            new ProjectMeta(rs.getLong("pr_id"), rs.getString("pr_name")),
                            new PatientMeta(rs.getLong("pa_id"), nullToEmpty(rs.getString("identifier")), birth),
                            new ArrayList<>(), tagLinks.linksOf(TagType.Study, rs.getLong("id")));
                }, query.studyId().value()).stream().findFirst().orElse(null);
        if (study != null) {
            study.series().addAll(series(study.id()));
        }
        return study;
    }

    @QueryHandler
    List<DeviceModelView> handle(FindDeviceModelsQuery query) {
        return jdbc.query("select id, manufacturer, model from device_model order by manufacturer, model",
                (rs, row) -> new DeviceModelView(rs.getLong("id"), rs.getString("manufacturer"), rs.getString("model")));
    }

    /** Series of a study in id order, each with its active images in id order. */
    private List<SeriesView> series(long studyId) {
        Map<Long, List<Long>> images = new LinkedHashMap<>();
        Map<Long, String> laterality = new LinkedHashMap<>();
        jdbc.query("""
                select series_id, id, laterality from image_instance
                where series_id in (select id from series where study_id = ?) and not inactive order by id""",
                rs -> {
                    long series = rs.getLong("series_id");
                    images.computeIfAbsent(series, k -> new ArrayList<>()).add(rs.getLong("id"));
                    laterality.putIfAbsent(series, rs.getString("laterality"));
                }, studyId);
        return jdbc.query("select id, series_number, series_instance_uid from series where study_id = ? order by id",
                (rs, row) -> new SeriesView(rs.getLong("id"), laterality.get(rs.getLong("id")),
                        (Integer) rs.getObject("series_number"), nullToEmpty(rs.getString("series_instance_uid")),
                        images.getOrDefault(rs.getLong("id"), List.of())), studyId);
    }

    private InstanceView instance(ResultSet rs, FindInstanceQuery query) throws SQLException {
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
                query.withTagMetadata() ? tagLinks.linksOf(TagType.ImageInstance, id) : List.of(),
                query.withSegmentations() ? segmentations.ofImage(id, query.withTagMetadata()) : null,
                query.withModelSegmentations() ? modelSegmentations.ofImage(id) : null,
                query.withFormAnnotations() ? formAnnotations.ofImage(id, query.withTagMetadata()) : null,
                Map.of());
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
