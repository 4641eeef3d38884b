package dev.macula.query.tagging;

import dev.macula.api.tagging.TagMeta;
import dev.macula.api.tagging.TagQueries.FindTagLinkQuery;
import dev.macula.api.tagging.TagQueries.FindTagLinksQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.List;

/** One tag link as TagMeta (the answer of a tagging command); the SQL is shared in {@link TagLinkReader}. */
@Component
class TagLinkQueryHandler {

    private final TagLinkReader reader;

    TagLinkQueryHandler(TagLinkReader reader) {
        this.reader = reader;
    }

    @QueryHandler
    TagMeta handle(FindTagLinkQuery query) {
        return reader.link(query.object().type(), query.object().id(), query.tagId());
    }

    @QueryHandler
    List<TagMeta> handle(FindTagLinksQuery query) {
        return reader.linksOf(query.object().type(), query.object().id());
    }
}
