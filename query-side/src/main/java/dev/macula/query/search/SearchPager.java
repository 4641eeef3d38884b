package dev.macula.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.macula.api.common.ApiException;
import dev.macula.api.search.SearchFields;
import dev.macula.api.search.SearchMessages.SearchSpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a search and cuts the requested page (docs/api.md §4.3): order by the chosen field with NULLs
 * first in ASC and last in DESC, then id ascending; {@code limit + 1} rows decide {@code has_more}.
 * Pages within Elasticsearch's 10,000-hit window use {@code from}; deeper pages walk there with
 * {@code search_after} over sort values only, so the wire contract ({@code page}) holds at any depth.
 */
@Component
class SearchPager {

    /** Elasticsearch's default {@code index.max_result_window}. */
    static final int WINDOW = 10_000;

    private final ElasticsearchClient client;
    private final String prefix;

    SearchPager(ElasticsearchClient client, @Value("${macula.es-index-prefix:macula}") String prefix) {
        this.client = client;
        this.prefix = prefix;
    }

    record Page(List<Long> ids, boolean hasMore, Long count) {
    }

    Page page(String indexName, Query query, SearchSpec spec) {
        String alias = prefix + "-" + indexName;
        List<SortOptions> sort = sort(spec);
        long offset = (long) spec.limit() * spec.page();
        int size = spec.limit() + 1;
        try {
            List<FieldValue> after = null;
            if (offset + size > WINDOW) {
                long skipped = 0;
                while (skipped < offset) {
                    int step = (int) Math.min(WINDOW, offset - skipped);
                    List<Hit<Void>> hits = skip(alias, query, sort, step, after).hits().hits();
                    if (hits.size() < step) {
                        return new Page(List.of(), false, spec.includeCount() ? count(alias, query) : null);
                    }
                    after = hits.getLast().sort();
                    skipped += step;
                }
            }
            SearchResponse<Void> response = search(alias, query, sort, after == null ? (int) offset : 0, size, after,
                    spec.includeCount());
            List<Long> ids = new ArrayList<>();
            response.hits().hits().forEach(hit -> ids.add(Long.parseLong(hit.id())));
            boolean hasMore = ids.size() > spec.limit();
            Long count = spec.includeCount() && response.hits().total() != null ? response.hits().total().value() : null;
            return new Page(hasMore ? ids.subList(0, spec.limit()) : ids, hasMore, count);
        } catch (ElasticsearchException e) {
            if ("index_not_found_exception".equals(e.error().type())) {
                return new Page(List.of(), false, spec.includeCount() ? 0L : null);
            }
            if (e.status() == 400) {
                throw new ApiException(422, "The search could not be run: " + e.error().reason());
            }
            throw new ApiException(503, "Search is temporarily unavailable: Elasticsearch answered " + e.status());
        } catch (IOException e) {
            throw new ApiException(503, "Search is temporarily unavailable: Elasticsearch did not answer");
        }
    }

    private SearchResponse<Void> search(String alias, Query query, List<SortOptions> sort, int from, int size,
                                        List<FieldValue> after, boolean count) throws IOException {
        return once(() -> client.search(s -> {
            s.index(alias).query(query).sort(sort).from(from).size(size).source(src -> src.fetch(false))
                    .trackTotalHits(t -> t.enabled(count));
            return after == null ? s : s.searchAfter(after);
        }, Void.class));
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    /**
     * Searches are idempotent: a pooled connection that a proxy or the node closed while idle is
     * tried again once on a fresh one before the answer becomes 503.
     */
    private static <T> T once(Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (IOException e) {
            return call.run();
        }
    }

    /** A step of the walk to a deep page: only sort values, no ids (no stored fields to load). */
    private SearchResponse<Void> skip(String alias, Query query, List<SortOptions> sort, int size,
                                      List<FieldValue> after) throws IOException {
        return once(() -> client.search(s -> {
            s.index(alias).query(query).sort(sort).size(size).source(src -> src.fetch(false)).storedFields("_none_")
                    .trackTotalHits(t -> t.enabled(false));
            return after == null ? s : s.searchAfter(after);
        }, Void.class));
    }

    private long count(String alias, Query query) throws IOException {
        return once(() -> client.count(c -> c.index(alias).query(query)).count());
    }

    private static List<SortOptions> sort(SearchSpec spec) {
        String field = switch (spec.orderBy()) {
            case STUDY_DATE -> SearchFields.STUDY_DATE;
            case PATIENT_BIRTHDATE -> SearchFields.PATIENT_BIRTHDATE;
            case DATE_INSERTED -> SearchFields.DATE_INSERTED;
        };
        SortOrder order = spec.descending() ? SortOrder.Desc : SortOrder.Asc;
        // MySQL puts NULLs first in ascending order and last in descending order
        String missing = spec.descending() ? "_last" : "_first";
        return List.of(
                SortOptions.of(o -> o.field(f -> f.field(field).order(order).missing(missing))),
                SortOptions.of(o -> o.field(f -> f.field(SearchFields.ID).order(SortOrder.Asc))));
    }
}
