package dev.macula.tools.migrate.verify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.macula.tools.migrate.EyenedSource;
import dev.macula.tools.migrate.SourceRow;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The original's rows behind the answers about a batch of images, read with one query per table:
 * the images with their hierarchy, device and scan; their tag links; their segmentations, model
 * segmentations and image-level forms (inactive ones too) with those objects' tag links; their attributes.
 */
record SourceBatch(Map<Long, SourceRow> images, Map<Long, List<SourceRow>> imageTags,
                   Map<Long, List<SourceRow>> segmentations, Map<Long, List<SourceRow>> segmentationTags,
                   Map<Long, List<SourceRow>> modelSegmentations, Map<Long, List<SourceRow>> forms,
                   Map<Long, List<SourceRow>> formTags, Map<Long, ObjectNode> attributes) {

    static SourceBatch load(EyenedSource source, List<Long> imageIds) throws SQLException {
        Map<Long, SourceRow> images = new HashMap<>();
        for (SourceRow image : source.all("""
                select i.*, pa.PatientID as PatientOfImage, pa.PatientIdentifier, pa.BirthDate, st.StudyID as StudyOfImage,
                       st.StudyDate, pr.ProjectID as ProjectOfImage, pr.ProjectName, dm.Manufacturer,
                       dm.ManufacturerModelName, sc.ScanMode
                from `ImageInstance` i join `Series` s on s.SeriesID = i.SeriesID join `Study` st on st.StudyID = s.StudyID
                join `Patient` pa on pa.PatientID = st.PatientID join `Project` pr on pr.ProjectID = pa.ProjectID
                left join `DeviceInstance` di on di.DeviceInstanceID = i.DeviceInstanceID
                left join `DeviceModel` dm on dm.DeviceModelID = di.DeviceModelID
                left join `Scan` sc on sc.ScanID = i.ScanID
                where i.ImageInstanceID in (%s)""".formatted(marks(imageIds)), imageIds.toArray())) {
            images.put(image.id("ImageInstanceID"), image);
        }
        Map<Long, List<SourceRow>> segmentations = byColumn(source.all("""
                select s.*, c.CreatorName from `Segmentation` s join `Creator` c on c.CreatorID = s.CreatorID
                where s.ImageInstanceID in (%s) order by s.SegmentationID""".formatted(marks(imageIds)),
                imageIds.toArray()), "ImageInstanceID");
        Map<Long, List<SourceRow>> forms = byColumn(source.all("""
                select f.*, c.CreatorName from `FormAnnotation` f join `Creator` c on c.CreatorID = f.CreatorID
                where f.ImageInstanceID in (%s) order by f.FormAnnotationID""".formatted(marks(imageIds)),
                imageIds.toArray()), "ImageInstanceID");
        Map<Long, List<SourceRow>> modelSegmentations = byColumn(source.all("""
                select ms.*, m.ModelName, m.Version as ModelVersion, sm.FeatureID from `ModelSegmentation` ms
                left join `Model` m on m.ModelID = ms.ModelID left join `SegmentationModel` sm on sm.ModelID = ms.ModelID
                where ms.ImageInstanceID in (%s) order by ms.ModelSegmentationID""".formatted(marks(imageIds)),
                imageIds.toArray()), "ImageInstanceID");
        return new SourceBatch(images, tagLinks(source, "ImageInstanceTag", "ImageInstanceID", imageIds),
                segmentations, tagLinks(source, "SegmentationTag", "SegmentationID", ids(segmentations, "SegmentationID")),
                modelSegmentations, forms, tagLinks(source, "FormAnnotationTag", "FormAnnotationID",
                ids(forms, "FormAnnotationID")), AttributesOf.images(source, imageIds));
    }

    /**
     * The tag links of objects by object id, each with its tag's name and its tagger's name; only links
     * whose tag and tagger exist (docs/api.md §3.0.5), by tag id.
     */
    static Map<Long, List<SourceRow>> tagLinks(EyenedSource source, String table, String objectColumn,
                                               Collection<Long> objectIds) throws SQLException {
        if (objectIds.isEmpty()) {
            return Map.of();
        }
        return byColumn(source.all("""
                select l.`%1$s`, l.TagID, t.TagName, l.CreatorID, c.CreatorName, l.DateInserted, l.Comment
                from `%2$s` l join `Tag` t on t.TagID = l.TagID join `Creator` c on c.CreatorID = l.CreatorID
                where l.`%1$s` in (%3$s) order by l.TagID""".formatted(objectColumn, table, marks(objectIds)),
                objectIds.toArray()), objectColumn);
    }

    /** TagMeta of each link. */
    static ArrayNode tagMetas(List<SourceRow> links) {
        ArrayNode tags = Metas.JSON.arrayNode();
        (links == null ? List.<SourceRow>of() : links).forEach(link -> tags.add(Metas.tagMeta(link)));
        return tags;
    }

    static List<SourceRow> of(Map<Long, List<SourceRow>> rows, long id) {
        return rows.getOrDefault(id, List.of());
    }

    /** {@code ?, ?, ?} for an IN list of that many values. */
    static String marks(Collection<?> values) {
        return String.join(", ", Collections.nCopies(values.size(), "?"));
    }

    private static Map<Long, List<SourceRow>> byColumn(List<SourceRow> rows, String column) {
        Map<Long, List<SourceRow>> grouped = new HashMap<>();
        rows.forEach(row -> grouped.computeIfAbsent(row.id(column), id -> new ArrayList<>()).add(row));
        return grouped;
    }

    private static List<Long> ids(Map<Long, List<SourceRow>> grouped, String column) {
        return grouped.values().stream().flatMap(List::stream).map(row -> row.id(column)).toList();
    }
}
