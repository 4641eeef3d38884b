package dev.macula.tools.migrate.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.macula.tools.migrate.SourceRow;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * InstanceGET (docs/api.md §3.0.5) as the original answers
 * {@code GET /instances/{id}?with_tag_metadata=true&with_segmentations=true&with_model_segmentations=true&with_form_annotations=true},
 * built from the rows of a {@link SourceBatch}. Segmentations the migration skips for a stated reason are
 * left out of the lists and named in {@link Expected#absent}.
 */
final class InstanceGet {

    static final String QUERY = "?with_tag_metadata=true&with_segmentations=true&with_model_segmentations=true"
            + "&with_form_annotations=true";

    private static final String NOT_CARRIED = "not carried by the migration (README \"Moving from Eyened\")";
    private static final Pattern MACULA_THUMBNAIL = Pattern.compile("\\d+/[0-9a-f]{24}");

    /** A list element the original would answer that is absent on purpose: the migration skipped its row. */
    record Absent(String path, String reason, JsonNode original) {
    }

    record Expected(ObjectNode answer, List<Absent> absent) {
    }

    private final FeatureGet features;
    private final DataSkips skips;

    InstanceGet(FeatureGet features, DataSkips skips) {
        this.features = features;
        this.skips = skips;
    }

    Expected of(SourceRow image, SourceBatch batch) {
        long id = image.id("ImageInstanceID");
        ObjectNode answer = Metas.JSON.objectNode();
        answer.put("sop_instance_uid", orEmpty(image.text("SOPInstanceUid")))
                .put("dataset_identifier", image.text("DatasetIdentifier"));
        JsonNode thumbnail = Metas.JSON.textNode(orEmpty(image.text("ThumbnailPath")));
        String remade = "thumbnails are made again by Macula under its own names (" + NOT_CARRIED
                + "; docs/api.md §9.2 item 51)";
        answer.set("thumbnail_identifier", Fix.when(thumbnail, InstanceGet::maculaThumbnail, remade));
        answer.set("thumbnail_path", Fix.when(thumbnail, InstanceGet::maculaThumbnail, remade));
        answer.put("modality", image.text("Modality")).put("dicom_modality", image.text("DICOMModality"))
                .put("etdrs_field", image.text("ETDRSField"));
        Long angiography = image.longOrNull("Angiography");
        Long region = image.longOrNull("AnatomicRegion");
        Long frames = image.longOrNull("NrOfFrames");
        answer.put("angio_graphy", angiography == null || angiography == 0 ? "" : angiography.toString())
                .put("laterality", image.text("Laterality"))
                .put("anatomic_region", region == null ? "" : region.toString())
                .put("rows", orZero(image.longOrNull("Rows_y"))).put("columns", orZero(image.longOrNull("Columns_x")))
                .put("nr_of_frames", frames == null || frames == 0 ? 1 : frames)
                .put("resolution_horizontal", orZero(image.doubleOrNull("ResolutionHorizontal")))
                .put("resolution_vertical", orZero(image.doubleOrNull("ResolutionVertical")))
                .put("resolution_axial", orZero(image.doubleOrNull("ResolutionAxial")));
        answer.set("cf_roi", Metas.json(image.json("CFROI")));
        answer.set("cf_keypoints", Metas.json(image.json("CFKeypoints")));
        answer.set("cf_quality", Metas.number(image.doubleOrNull("CFQuality")));
        answer.set("date_inserted", Metas.dateTime(image.dateTime("DateInserted")));
        // carried only as the time of a deactivation; like the original, Macula stamps the image when it
        // changes it: when it makes its thumbnails
        answer.set("date_modified", Fix.when(Metas.dateTime(image.dateTime("DateModified")),
                actual -> actual.isNull() || actual.isTextual(), NOT_CARRIED + "; Macula's own time of the image's"
                        + " thumbnails once it has made them"));
        answer.set("date_preprocessed", Metas.dateTime(image.dateTime("DatePreprocessed")));
        answer.put("id", id);
        answer.putObject("project").put("id", image.id("ProjectOfImage")).put("name", image.text("ProjectName"));
        ObjectNode patient = answer.putObject("patient").put("id", image.id("PatientOfImage"))
                .put("identifier", orEmpty(image.text("PatientIdentifier")));
        patient.set("birth_date", Metas.date(image.date("BirthDate")));
        answer.putObject("study").put("id", image.id("StudyOfImage")).set("date", Metas.midnight(image.date("StudyDate")));
        answer.putObject("series").put("id", image.id("SeriesID"));
        boolean device = !image.isNull("Manufacturer");
        answer.putObject("device").put("manufacturer", device ? image.text("Manufacturer") : "Unknown")
                .put("model", device ? image.text("ManufacturerModelName") : "Unknown");
        answer.putObject("scan").put("mode", image.isNull("ScanMode") ? "Unknown" : image.text("ScanMode"));
        answer.set("tags", SourceBatch.tagMetas(SourceBatch.of(batch.imageTags(), id)));
        List<Absent> absent = new ArrayList<>();
        answer.set("segmentations", segmentations(id, batch, absent));
        answer.set("model_segmentations", modelSegmentations(id, batch, absent));
        ArrayNode forms = answer.putArray("form_annotations");
        for (SourceRow form : SourceBatch.of(batch.forms(), id)) {
            if (!form.flag("Inactive")) {
                forms.add(FormAnnotationGet.nested(form, SourceBatch.tagMetas(
                        SourceBatch.of(batch.formTags(), form.id("FormAnnotationID")))));
            }
        }
        answer.set("attributes", batch.attributes().getOrDefault(id, Metas.JSON.objectNode()));
        return new Expected(answer, absent);
    }

    /** The active segmentations, each with its SegmentationTag links (with_tag_metadata). */
    private ArrayNode segmentations(long id, SourceBatch batch, List<Absent> absent) {
        ArrayNode list = Metas.JSON.arrayNode();
        for (SourceRow row : SourceBatch.of(batch.segmentations(), id)) {
            if (row.flag("Inactive")) {
                continue;
            }
            long segmentation = row.id("SegmentationID");
            ObjectNode expected = SegmentationGet.grader(row, features.of(row.longOrNull("FeatureID")),
                    SourceBatch.tagMetas(SourceBatch.of(batch.segmentationTags(), segmentation)));
            String skipped = skips.segmentation(row);
            if (skipped == null) {
                list.add(expected);
            } else {
                absent.add(new Absent("segmentations[id=" + segmentation + "]", "skipped by the migration: " + skipped,
                        expected));
            }
        }
        return list;
    }

    private ArrayNode modelSegmentations(long id, SourceBatch batch, List<Absent> absent) {
        ArrayNode list = Metas.JSON.arrayNode();
        for (SourceRow row : SourceBatch.of(batch.modelSegmentations(), id)) {
            ObjectNode expected = SegmentationGet.model(row, features.of(row.longOrNull("FeatureID")));
            String skipped = skips.modelSegmentation(row);
            if (skipped == null) {
                list.add(expected);
            } else {
                absent.add(new Absent("model_segmentations[id=" + row.id("ModelSegmentationID") + "]",
                        "skipped by the migration: " + skipped, expected));
            }
        }
        return list;
    }

    /** No thumbnail yet ({@code ""}: the platform makes them after the migration), or one of Macula's names. */
    private static boolean maculaThumbnail(JsonNode actual) {
        return actual.isTextual() && (actual.asText().isEmpty() || MACULA_THUMBNAIL.matcher(actual.asText()).matches());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static double orZero(Double value) {
        return value == null ? 0.0 : value;
    }
}
