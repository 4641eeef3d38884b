package dev.macula.api.tagging;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A tag as indexed in Elasticsearch (alias {@code <prefix>-tags}): the whole document, rebuilt
 * from the read model whenever an event touches the tag (docs/architecture.md, Search).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TagDocument(long id, String name, String nameKey, String tagType, String description, long creatorId,
                          String creatorName, String dateInserted) {

    public static final String INDEX = dev.macula.api.search.SearchFields.TAGS_INDEX;
}
