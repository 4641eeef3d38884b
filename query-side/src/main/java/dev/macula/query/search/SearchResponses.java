package dev.macula.query.search;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.macula.query.imaging.ImagingViews.InstanceMeta;
import dev.macula.query.imaging.ImagingViews.InstanceView;
import dev.macula.query.imaging.ImagingViews.StudyView;

import java.util.List;

/** The wire shapes of the search endpoints (docs/api.md §4.4–4.6); public for the OpenAPI document. */
public final class SearchResponses {

    private SearchResponses() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"instances", "studies", "limit", "page", "count", "result_ids", "has_more"})
    public record InstanceSearchResponse(List<InstanceView> instances, List<StudyView> studies, int limit, int page,
                                         Long count, List<Long> resultIds, boolean hasMore,
                                         @JsonIgnore String serverTiming) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"studies", "instances", "limit", "page", "count", "result_ids", "has_more"})
    public record StudySearchResponse(List<StudyView> studies, List<InstanceMeta> instances, int limit, int page,
                                      Long count, List<Long> resultIds, boolean hasMore,
                                      @JsonIgnore String serverTiming) {
    }

    /** Signature entries keep their nulls (docs/api.md §4.6). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"name", "values", "type", "model", "feature"})
    record SignatureField(String name, Object values, String type, String model, String feature) {

        static SignatureField of(String name, Object values) {
            return new SignatureField(name, values, "default", null, null);
        }
    }
}
