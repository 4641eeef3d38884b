package dev.macula.command.imaging;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.JsonBody;
import dev.macula.api.common.RequestValidationException;
import dev.macula.api.common.ValidationError;
import dev.macula.api.imaging.ImportResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/import/image} (docs/api.md §5.2–5.5): always 200 with {@code success}; the new id
 * comes back in {@code data.image_ids}. Thumbnails are made afterwards, asynchronously.
 */
@RestController
class ImportController {

    private static final Logger log = LoggerFactory.getLogger(ImportController.class);
    /** Two imports creating the same new patient or study at once: the loser retries and finds it. */
    private static final int ATTEMPTS = 4;

    private final ImageImporter importer;

    ImportController(ImageImporter importer) {
        this.importer = importer;
    }

    @PostMapping("/api/import/image")
    ImportResponse importImage(JsonBody body) {
        ImportRequest request = parse(body);
        if (request.projectName().isBlank()) {
            return ImportResponse.failed("project_name is required for patient at index 0", null);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                long id = importer.importImage(request);
                return ImportResponse.imported(request.projectName(), id);
            } catch (ImportFailure failure) {
                return ImportResponse.failed(failure.getMessage(), request.includeStackTrace() ? trace(failure) : null);
            } catch (RuntimeException e) {
                if (isRace(e) && attempt < ATTEMPTS) {
                    continue;
                }
                log.warn("Import of {} failed", request.image(), e);
                return ImportResponse.failed("Failed to commit the transaction. Nothing will be written to the "
                        + "database and no files have been created or changed",
                        request.includeStackTrace() ? trace(e) : null);
            }
        }
    }

    private ImportRequest parse(JsonBody body) {
        JsonBody data = body.nested("data");
        JsonBody options = body.nested("options");
        String projectName = data.requiredString("project_name", 255);
        String patientIdentifier = data.optionalString("patient_identifier", 255);
        var patientProps = data.optionalObject("patient_props");
        String studyDateText = data.optionalString("study_date", 64);
        var studyProps = data.optionalObject("study_props");
        var seriesProps = data.optionalObject("series_props");
        String image = data.requiredString("image", 4096);
        var imageProps = data.optionalObject("image_props");
        boolean createPatients = options.bool("create_patients", false);
        boolean createStudies = options.bool("create_studies", false);
        boolean createSeries = options.bool("create_series", true);
        boolean createProject = options.bool("create_project", false);
        boolean includeStackTrace = options.bool("include_stack_trace", false);
        String seriesId = seriesIdOf(data);
        body.validate();
        return new ImportRequest(projectName, patientIdentifier, patientProps, studyDate(studyDateText), studyProps,
                seriesId, seriesProps, image, imageProps, createPatients, createStudies, createSeries, createProject,
                includeStackTrace);
    }

    /** The documentation calls it a numeric id; scripts send numbers or strings (ids or UIDs). */
    private static String seriesIdOf(JsonBody data) {
        return data.has("series_id") ? data.text("series_id") : null;
    }

    /**
     * ISO {@code YYYY-MM-DD} is used; anything else is a 422 (docs/api.md §9.2 item 45). Null: the
     * importer takes a DICOM file's StudyDate, else DEFAULT_STUDY_DATE.
     */
    private static LocalDate studyDate(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new RequestValidationException(new ValidationError("date_from_datetime_parsing",
                    List.of("body", "data", "study_date"),
                    "Input should be a valid date in the format YYYY-MM-DD", text, Map.of("error", "invalid date")));
        }
    }

    private static boolean isRace(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DuplicateKeyException
                    || (cause instanceof ApiException api && api.status() == 409)) {
                return true;
            }
        }
        return false;
    }

    private static String trace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
