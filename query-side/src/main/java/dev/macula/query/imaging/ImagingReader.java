package dev.macula.query.imaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.common.Futures;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

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

    /** The same reader on other connections (search pages read their parts concurrently: ParallelReads). */
    public static ImagingReader on(JdbcTemplate jdbc) {
        return new ImagingReader(jdbc, new TagLinkReader(jdbc), new AttributeReader(jdbc));
    }

    /** Runs in the caller's thread and transaction: what every reader method does unless given an executor. */
    private static final Executor SAME_THREAD = Runnable::run;

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
        return instances(ids, withTags, extras, SAME_THREAD);
    }

    /**
     * As {@link #instances(Collection, boolean, Extras)}; the tag and attribute queries run on
     * {@code executor} while this thread runs the image rows query.
     */
    public Map<Long, InstanceView> instances(Collection<Long> ids, boolean withTags, Extras extras, Executor executor) {
        Map<Long, InstanceView> views = new HashMap<>();
        if (ids.isEmpty()) {
            return views;
        }
        CompletableFuture<Map<Long, List<TagMeta>>> tagsOf = withTags
                ? async(() -> tagLinks.linksOf(TagType.ImageInstance, ids), executor)
                : CompletableFuture.completedFuture(Map.of());
        CompletableFuture<Map<Long, Map<String, Object>>> attributesOfImages = async(() -> attributes.ofImages(ids),
                executor);
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
                    // the first row waits for the other two reads, which ran while this query did
                    long id = rs.getLong("id");
                    views.put(id, instance(rs, Futures.join(tagsOf).getOrDefault(id, List.of()),
                            Futures.join(attributesOfImages).getOrDefault(id, Map.of()), extras));
                }, (Object) ids.toArray(Long[]::new));
        if (views.isEmpty()) {
            Futures.join(tagsOf); // a failed read fails the answer, as it did when the reads ran in turn
            Futures.join(attributesOfImages);
        }
        return views;
    }

    /** The study of each image, in the order of {@code imageIds} without repeats; unknown images are skipped. */
    public List<Long> studyIdsOf(List<Long> imageIds) {
        if (imageIds.isEmpty()) {
            return List.of();
        }
        Map<Long, Long> studyOf = new HashMap<>();
        jdbc.query("select i.id, se.study_id from image_instance i join series se on se.id = i.series_id "
                + "where i.id = any(?)", rs -> {
                    studyOf.put(rs.getLong("id"), rs.getLong("study_id"));
                }, (Object) imageIds.toArray(Long[]::new));
        return List.copyOf(imageIds.stream().map(studyOf::get).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
    }

    /** Studies in the given order with all their series (active image ids) and their tags; unknown ids are skipped. */
    public List<StudyView> studies(List<Long> ids) {
        return studies(ids, SAME_THREAD);
    }

    /** As {@link #studies(List)}; the tag and series queries run on {@code executor} while this thread reads the studies. */
    public List<StudyView> studies(List<Long> ids, Executor executor) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Long[] idArray = ids.toArray(Long[]::new);
        CompletableFuture<Map<Long, List<TagMeta>>> tagsOf = async(() -> tagLinks.linksOf(TagType.Study, ids), executor);
        CompletableFuture<SeriesImages> imagesOfSeries = async(() -> seriesImages(idArray), executor);
        CompletableFuture<Map<Long, List<SeriesRow>>> seriesOf = async(() -> seriesRows(idArray), executor);
        List<StudyRow> rows = new ArrayList<>();
        jdbc.query("""
                        select st.id, st.description, st.study_date, pa.id as pa_id, pa.identifier, pa.birth_date,
                               pr.id as pr_id, pr.name as pr_name
                        from study st join patient pa on pa.id = st.patient_id join project pr on pr.id = pa.project_id
                        where st.id = any(?)""",
                rs -> {
                    rows.add(new StudyRow(rs.getLong("id"), rs.getString("description"),
                            rs.getDate("study_date").toLocalDate(), localDate(rs.getDate("birth_date")),
                            new ProjectMeta(rs.getLong("pr_id"), rs.getString("pr_name")), rs.getLong("pa_id"),
                            nullToEmpty(rs.getString("identifier"))));
                }, (Object) idArray);
        Map<Long, List<TagMeta>> tags = Futures.join(tagsOf);
        Map<Long, List<SeriesView>> series = series(Futures.join(seriesOf), Futures.join(imagesOfSeries));
        Map<Long, StudyView> studies = new HashMap<>();
        for (StudyRow row : rows) {
            studies.put(row.id(), new StudyView(row.id(), row.description(), row.date().atStartOfDay(),
                    row.birth() == null ? null : ChronoUnit.DAYS.between(row.birth(), row.date()) / 365.25,
                    row.project(), new PatientMeta(row.patientId(), row.identifier(), row.birth()),
                    series.getOrDefault(row.id(), List.of()), tags.getOrDefault(row.id(), List.of())));
        }
        return ids.stream().map(studies::get).filter(java.util.Objects::nonNull).toList();
    }

    private record StudyRow(long id, String description, LocalDate date, LocalDate birth, ProjectMeta project,
                            long patientId, String identifier) {
    }

    private record SeriesRow(long id, Integer seriesNumber, String seriesInstanceUid) {
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

    /** Series of the studies in id order, each with its active images in id order and the first one's laterality. */
    private static Map<Long, List<SeriesView>> series(Map<Long, List<SeriesRow>> seriesOfStudies,
                                                      SeriesImages images) {
        Map<Long, List<SeriesView>> byStudy = new LinkedHashMap<>();
        seriesOfStudies.forEach((study, rows) -> byStudy.put(study, rows.stream()
                .map(row -> new SeriesView(row.id(), images.laterality().get(row.id()), row.seriesNumber(),
                        row.seriesInstanceUid(), images.ids().getOrDefault(row.id(), List.of())))
                .toList()));
        return byStudy;
    }

    /** Active images per series in id order, and the laterality of each series' first one. */
    private record SeriesImages(Map<Long, List<Long>> ids, Map<Long, String> laterality) {
    }

    private SeriesImages seriesImages(Long[] studyIds) {
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
        return new SeriesImages(images, laterality);
    }

    /** The series of the studies in id order, by study. */
    private Map<Long, List<SeriesRow>> seriesRows(Long[] studyIds) {
        Map<Long, List<SeriesRow>> byStudy = new LinkedHashMap<>();
        jdbc.query("select id, study_id, series_number, series_instance_uid from series where study_id = any(?) order by id",
                rs -> {
                    byStudy.computeIfAbsent(rs.getLong("study_id"), k -> new ArrayList<>()).add(new SeriesRow(
                            rs.getLong("id"), (Integer) rs.getObject("series_number"),
                            nullToEmpty(rs.getString("series_instance_uid"))));
                }, (Object) studyIds);
        return byStudy;
    }

    /** Starts {@code read} on {@code executor} (in this thread for {@link #SAME_THREAD}). */
    private static <T> CompletableFuture<T> async(Supplier<T> read, Executor executor) {
        return CompletableFuture.supplyAsync(read, executor);
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
