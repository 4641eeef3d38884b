package dev.macula.tools.importer;

import java.util.Map;

/**
 * One image to import: the request's fields as the manifest or folder gave them. Props keep the
 * original's PascalCase column names (docs/api.md §5.2).
 */
record ImportItem(String image, String projectName, String patientIdentifier, String studyDate, String seriesId,
                  Map<String, String> patientProps, Map<String, String> studyProps, Map<String, String> seriesProps,
                  Map<String, String> imageProps, String problem) {

    /** An item that cannot be sent (e.g. laterality unknown): reported as failed with this reason. */
    static ImportItem unusable(String image, String problem) {
        return new ImportItem(image, null, null, null, null, Map.of(), Map.of(), Map.of(), Map.of(), problem);
    }
}
