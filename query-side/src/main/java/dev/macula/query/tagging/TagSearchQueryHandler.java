package dev.macula.query.tagging;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.macula.api.common.ApiException;
import dev.macula.api.common.CreatorMeta;
import dev.macula.api.common.NameKey;
import dev.macula.api.tagging.TagDocument;
import dev.macula.api.tagging.TagQueries.SearchTagsQuery;
import dev.macula.api.tagging.TagType;
import dev.macula.api.tagging.TagView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Answers tag type-ahead from the Elasticsearch tag index (alias {@code <prefix>-tags}). */
@Component
class TagSearchQueryHandler {

    private final ElasticsearchClient client;
    private final String alias;

    TagSearchQueryHandler(ElasticsearchClient client, @Value("${macula.es-index-prefix:macula}") String prefix) {
        this.client = client;
        this.alias = prefix + "-" + TagDocument.INDEX;
    }

    @QueryHandler
    List<TagView> handle(SearchTagsQuery query) {
        String key = NameKey.of(query.text().strip());
        List<Query> filters = new ArrayList<>();
        if (query.tagType() != null) {
            filters.add(Query.of(q -> q.term(t -> t.field("tag_type").value(query.tagType().name()))));
        }
        try {
            SearchResponse<TagDocument> response = client.search(s -> s.index(alias).size(query.limit())
                    .ignoreUnavailable(true)
                    .query(q -> q.bool(b -> b.filter(filters)
                            .should(sh -> sh.term(t -> t.field("name_key").value(key).boost(3.0f)))
                            .should(sh -> sh.prefix(p -> p.field("name_key").value(key).boost(2.0f)))
                            .should(sh -> sh.match(m -> m.field("name").query(query.text())))
                            .minimumShouldMatch("1")))
                    .sort(o -> o.score(sc -> sc)).sort(o -> o.field(f -> f.field("id"))), TagDocument.class);
            return response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull)
                    .map(TagSearchQueryHandler::view).toList();
        } catch (ElasticsearchException e) {
            if ("index_not_found_exception".equals(e.error().type())) {
                return List.of();
            }
            throw e;
        } catch (IOException e) {
            throw new ApiException(503, "Search is temporarily unavailable: Elasticsearch did not answer");
        }
    }

    private static TagView view(TagDocument doc) {
        return new TagView(doc.name(), TagType.valueOf(doc.tagType()), doc.description(), doc.id(),
                new CreatorMeta(doc.creatorId(), doc.creatorName()), LocalDateTime.parse(doc.dateInserted()));
    }
}
