package dev.macula.query.tagging;

import dev.macula.api.common.LaxValues;
import dev.macula.api.common.RequestValidationException;
import dev.macula.api.common.ValidationError;
import dev.macula.api.tagging.TagQueries.FindTagsQuery;
import dev.macula.api.tagging.TagQueries.SearchTagsQuery;
import dev.macula.api.tagging.TagType;
import dev.macula.api.tagging.TagView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /api/tags}, with the documented {@code tag_type} filter the original ignores. */
@RestController
class TagQueryController {

    private final QueryGateway queries;

    TagQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    /**
     * New: type-ahead over tag names ({@code q}, at least one character), optionally of one
     * {@code tag_type}, at most {@code limit} (1–100, default 20) best matches. Served by
     * Elasticsearch, so a tag appears here about a second after it was created.
     */
    @GetMapping("/api/tags/search")
    List<TagView> search(@RequestParam(name = "q", required = false) String text,
                         @RequestParam(name = "tag_type", required = false) String tagType,
                         @RequestParam(name = "limit", required = false) String limit) {
        TagType type = LaxValues.queryEnum("tag_type", tagType, TagType.class);
        if (text == null || text.isBlank()) {
            throw new RequestValidationException(ValidationError.of("missing", List.of("query", "q"),
                    "Field required", text));
        }
        int size = LaxValues.queryInt("limit", limit, 20, 1, 100);
        return queries.query(new SearchTagsQuery(text, type, size), ResponseTypes.multipleInstancesOf(TagView.class))
                .join();
    }

    @GetMapping("/api/tags")
    List<TagView> tags(@RequestParam(name = "tag_type", required = false) String tagType) {
        TagType type = LaxValues.queryEnum("tag_type", tagType, TagType.class);
        return queries.query(new FindTagsQuery(type), ResponseTypes.multipleInstancesOf(TagView.class)).join();
    }
}
