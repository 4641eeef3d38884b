package dev.macula.api.imaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * The answer of {@code POST /api/import/image} (docs/api.md §5.2): 200 whether or not the import
 * succeeded, {@code data} on success, {@code error} (and on request a stack trace) on failure.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ImportResponse(boolean success, String message, ImportedImages data, String error, String stackTrace) {

    /** What was imported; {@code image_ids} is Macula's addition (docs/api.md §9.2 item 48). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"project_name", "image_count", "image_ids"})
    public record ImportedImages(String projectName, int imageCount, List<Long> imageIds) {
    }

    public static ImportResponse imported(String projectName, long imageId) {
        return new ImportResponse(true, "Import completed successfully",
                new ImportedImages(projectName, 1, List.of(imageId)), null, null);
    }

    public static ImportResponse failed(String error, String stackTrace) {
        return new ImportResponse(false, "Import failed", null, error, stackTrace);
    }
}
