package dev.macula.query.tagging;

import dev.macula.api.common.LaxValues;
import dev.macula.api.tagging.TagQueries.FindTagsQuery;
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

    @GetMapping("/api/tags")
    List<TagView> tags(@RequestParam(name = "tag_type", required = false) String tagType) {
        TagType type = LaxValues.queryEnum("tag_type", tagType, TagType.class);
        return queries.query(new FindTagsQuery(type), ResponseTypes.multipleInstancesOf(TagView.class)).join();
    }
}
