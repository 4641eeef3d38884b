package dev.macula.command.imaging;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;

/** A parsed {@code POST /api/import/image} body (docs/api.md §5.2). Props stay raw until the import reads them. */
record ImportRequest(String projectName, String patientIdentifier, ObjectNode patientProps, LocalDate studyDate,
                     ObjectNode studyProps, String seriesId, ObjectNode seriesProps, String image,
                     ObjectNode imageProps, boolean createPatients, boolean createStudies, boolean createSeries,
                     boolean createProject, boolean includeStackTrace) {
}
