package dev.macula.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.common.ApiException;
import dev.macula.api.search.SearchFields;
import dev.macula.api.search.SearchMessages.SearchSpec;
import jakarta.json.stream.JsonGenerator;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a search and cuts the requested page (docs/api.md §4.3): order by the chosen field with NULLs
 * first in ASC and last in DESC, then id ascending; {@code limit + 1} rows decide {@code has_more}.
 * Pages within Elasticsearch's 10,000-hit window use {@code from}; deeper pages walk there with
 * {@code search_after} over sort values only, so the wire contract ({@code page}) holds at any depth.
 *
 * <p>The query is built with the typed client but sent through its low-level REST client with a
 * {@code filter_path}: the answer carries only ids, sort values and the total, read with plain
 * Jackson. The typed response (every hit's index, score and sort values, deserialised through
 * JSON-P) cost about three milliseconds of a search page (docs/performance.md, "Search").
 */
@Component
class SearchPager {

    /** Elasticsearch's default {@code index.max_result_window}. */
    static final int WINDOW = 10_000;
    private static final String PAGE_FIELDS = "hits.total.value,hits.hits._id";
    private static final String SKIP_FIELDS = "hits.hits.sort";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Rest5Client rest;
    private final JsonpMapper jsonp;
    private final String prefix;

    SearchPager(Rest5Client rest, ElasticsearchClient client,
                @Value("${macula.es-index-prefix:macula}") String prefix) {
        this.rest = rest;
        this.jsonp = client._jsonpMapper();
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
            JsonNode after = null;
            if (offset + size > WINDOW) {
                long skipped = 0;
                while (skipped < offset) {
                    int step = (int) Math.min(WINDOW, offset - skipped);
                    JsonNode hits = hits(send(alias, skip(query, sort, step, after), SKIP_FIELDS));
                    if (hits.size() < step) {
                        return new Page(List.of(), false, spec.includeCount() ? count(alias, query) : null);
                    }
                    after = hits.get(hits.size() - 1).get("sort");
                    skipped += step;
                }
            }
            JsonNode answer = send(alias, search(query, sort, after == null ? (int) offset : 0, size, after,
                    spec.includeCount()), PAGE_FIELDS);
            List<Long> ids = new ArrayList<>();
            hits(answer).forEach(hit -> ids.add(Long.parseLong(hit.get("_id").asText())));
            boolean hasMore = ids.size() > spec.limit();
            Long count = spec.includeCount() ? answer.path("hits").path("total").path("value").asLong(0) : null;
            return new Page(hasMore ? ids.subList(0, spec.limit()) : ids, hasMore, count);
        } catch (ResponseException e) {
            return failed(e, spec);
        } catch (IOException e) {
            throw new ApiException(503, "Search is temporarily unavailable: Elasticsearch did not answer");
        }
    }

    /** An error answer of the node: a missing index is an empty result, a refused query a 422. */
    private static Page failed(ResponseException e, SearchSpec spec) {
        int status = e.getResponse().getStatusCode();
        JsonNode error = errorOf(e);
        if ("index_not_found_exception".equals(error.path("type").asText())) {
            return new Page(List.of(), false, spec.includeCount() ? 0L : null);
        }
        if (status == 400) {
            throw new ApiException(422, "The search could not be run: " + error.path("reason").asText(""));
        }
        throw new ApiException(503, "Search is temporarily unavailable: Elasticsearch answered " + status);
    }

    private static JsonNode errorOf(ResponseException e) {
        try (InputStream body = e.getResponse().getEntity().getContent()) {
            return JSON.readTree(body).path("error");
        } catch (IOException | RuntimeException unreadable) {
            return JSON.missingNode();
        }
    }

    private static JsonNode hits(JsonNode answer) {
        return answer.path("hits").path("hits"); // absent when nothing matched: filter_path drops empty arrays
    }

    /**
     * Searches are idempotent: a pooled connection that a proxy or the node closed while idle is
     * tried again once on a fresh one before the answer becomes 503.
     */
    private JsonNode send(String alias, SearchRequest search, String fields) throws IOException {
        byte[] body = json(search);
                try {
            return sendOnce(alias, body, fields);
        } catch (ResponseException e) {
            throw e;
        } catch (IOException e) {
            return sendOnce(alias, body, fields);
        }
    }

    private JsonNode sendOnce(String alias, byte[] body, String fields) throws IOException {
        Request request = new Request("POST", "/" + alias + "/_search");
        request.addParameter("filter_path", fields);
        request.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        try (InputStream answer = rest.performRequest(request).getEntity().getContent()) {
            return JSON.readTree(answer);
        }
    }

    private byte[] json(SearchRequest search) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator generator = jsonp.jsonProvider().createGenerator(out)) {
            search.serialize(generator, jsonp);
        }
        return out.toByteArray();
    }

    private static SearchRequest search(Query query, List<SortOptions> sort, int from, int size, JsonNode after,
                                        boolean count) {
        return SearchRequest.of(s -> {
            s.query(query).sort(sort).from(from).size(size).source(src -> src.fetch(false))
                    .trackTotalHits(t -> t.enabled(count));
            return after == null ? s : s.searchAfter(searchAfter(after));
        });
    }

    /** A step of the walk to a deep page: only sort values, no ids (no stored fields to load). */
    private static SearchRequest skip(Query query, List<SortOptions> sort, int size, JsonNode after) {
        return SearchRequest.of(s -> {
            s.query(query).sort(sort).size(size).source(src -> src.fetch(false)).storedFields("_none_")
                    .trackTotalHits(t -> t.enabled(false));
            return after == null ? s : s.searchAfter(searchAfter(after));
        });
    }

    /** The sort values of the last hit, passed back as they came (numbers, strings or null). */
    private static List<co.elastic.clients.elasticsearch._types.FieldValue> searchAfter(JsonNode sortValues) {
        List<co.elastic.clients.elasticsearch._types.FieldValue> values = new ArrayList<>();
        for (JsonNode value : sortValues) {
            values.add(value.isNull() ? co.elastic.clients.elasticsearch._types.FieldValue.NULL
                    : value.isIntegralNumber() ? co.elastic.clients.elasticsearch._types.FieldValue.of(value.asLong())
                    : value.isNumber() ? co.elastic.clients.elasticsearch._types.FieldValue.of(value.asDouble())
                    : value.isBoolean() ? co.elastic.clients.elasticsearch._types.FieldValue.of(value.asBoolean())
                    : co.elastic.clients.elasticsearch._types.FieldValue.of(value.asText()));
        }
        return values;
    }

    private long count(String alias, Query query) throws IOException {
        Request request = new Request("POST", "/" + alias + "/_count");
        request.addParameter("filter_path", "count");
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = jsonp.jsonProvider().createGenerator(out)) {
            generator.writeStartObject();
            generator.writeKey("query");
            query.serialize(generator, jsonp);
            generator.writeEnd();
        }
        request.setEntity(new ByteArrayEntity(out.toByteArray(), ContentType.APPLICATION_JSON));
        try (InputStream answer = rest.performRequest(request).getEntity().getContent()) {
            return JSON.readTree(answer).path("count").asLong(0);
        }
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
