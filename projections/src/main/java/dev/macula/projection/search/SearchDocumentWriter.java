package dev.macula.projection.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.macula.api.search.SearchFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes whole documents to a search index: renders them from the read models in one read-only
 * snapshot and sends them as one {@code _bulk} per chunk. Each document carries the highest
 * event-store position visible in that snapshot as its external version, so a document rendered
 * from an older snapshot never overwrites one rendered from a newer snapshot (retries, replays,
 * a rebuild overlapping the live processor, a node that lost its segment). That position is then
 * recorded in the index's {@link IndexLineage}, so an index whose versions come from another
 * event store is recognised.
 * <p>
 * Elasticsearch being down (connection errors, 429, 5xx) fails the batch, and the processor retries
 * it with back-off. A document refused for any other reason is parked in {@code search_dead_letter}
 * and the stream goes on.
 */
@Component
public class SearchDocumentWriter {

    static final int CHUNK = 500;
    private static final Logger log = LoggerFactory.getLogger(SearchDocumentWriter.class);

    private final ElasticsearchClient client;
    private final SearchIndexes indexes;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final String refreshInterval;
    private final IndexLineage lineage;
    private final Map<String, WriteStats> stats = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Where a target's writing time went since start-up: rendering from PostgreSQL, Elasticsearch's
     * {@code _bulk}, and (a rebuild's pipelined writes) how long the event handling waited for the
     * previous write: that wait says whether the writes or the event handling set the pace.
     */
    public record WriteStats(LongAdder writes, LongAdder documents, LongAdder renderNanos, LongAdder bulkNanos,
                             LongAdder waitNanos) {

        static WriteStats empty() {
            return new WriteStats(new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder());
        }

        public Map<String, Object> summary() {
            return Map.of("writes", writes.sum(), "documents", documents.sum(),
                    "render_ms", renderNanos.sum() / 1_000_000, "bulk_ms", bulkNanos.sum() / 1_000_000,
                    "handling_waited_ms", waitNanos.sum() / 1_000_000);
        }
    }

    public WriteStats stats(String target) {
        return stats.computeIfAbsent(target, t -> WriteStats.empty());
    }

    SearchDocumentWriter(ElasticsearchClient client, SearchIndexes indexes, JdbcTemplate jdbc,
                         PlatformTransactionManager transactions, IndexLineage lineage,
                         @Value("${macula.es-refresh-interval:1s}") String refreshInterval) {
        this.client = client;
        this.lineage = lineage;
        this.indexes = indexes;
        this.jdbc = jdbc;
        this.refreshInterval = refreshInterval;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /** The alias of the renderer's index, created with its mapping when missing. */
    public String ensureAlias(String indexName) throws IOException {
        return indexes.ensure(indexName, SearchFields.MAPPING_VERSION,
                c -> SearchMappings.define(indexName, c, refreshInterval, lineage.initialMeta()),
                SearchMappings.fields(indexName));
    }

    /**
     * A new, empty version of the index for a rebuild (not behind the alias yet). Nobody searches it
     * before the swap, so it is not refreshed while it fills (Elasticsearch's advice for bulk loads);
     * {@link #makeSearchable} restores the refresh interval.
     */
    public String createNextVersion(String indexName) throws IOException {
        return indexes.createNextVersion(indexName, c -> SearchMappings.define(indexName, c, "-1", lineage.initialMeta()));
    }

    /** The configured refresh interval on an index filled by a rebuild, before it goes behind the alias. */
    public void makeSearchable(String index) throws IOException {
        indexes.refreshInterval(index, refreshInterval);
    }

    /**
     * Re-renders the documents and writes them to {@code target} (an alias or, during a rebuild, a
     * concrete index). Ids without a read-model row are deleted from the index.
     */
    public void write(String target, DocumentRenderer renderer, Collection<Long> ids) {
        List<Long> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += CHUNK) {
            render(target, renderer, all.subList(from, Math.min(all.size(), from + CHUNK))).run();
        }
    }

    /**
     * Renders one chunk of documents now, in one read-only snapshot, and returns its {@code _bulk}
     * write, to be run after the writes of every chunk rendered before it (a rebuild renders the
     * next chunk while this one is sent: {@link PipelinedWrites}).
     */
    Runnable render(String target, DocumentRenderer renderer, List<Long> chunk) {
        WriteStats counters = stats(target);
        long start = System.nanoTime();
        Rendered rendered = snapshot.execute(tx -> new Rendered(lineage.head(), renderer.render(chunk)));
        counters.renderNanos().add(System.nanoTime() - start);
        return () -> {
            long bulkStart = System.nanoTime();
            bulk(target, renderer.indexName(), chunk, rendered);
            lineage.written(target, rendered.at()); // the index has now seen this point of the event store
            counters.bulkNanos().add(System.nanoTime() - bulkStart);
            counters.writes().increment();
            counters.documents().add(chunk.size());
        };
    }

    private void bulk(String target, String indexName, List<Long> ids, Rendered rendered) {
        List<BulkOperation> operations = new ArrayList<>(ids.size());
        for (Long id : ids) {
            Map<String, Object> document = rendered.documents().get(id);
            String docId = id.toString();
            operations.add(document == null
                    ? BulkOperation.of(o -> o.delete(d -> d.index(target).id(docId)
                            .version(rendered.version()).versionType(VersionType.ExternalGte)))
                    : BulkOperation.of(o -> o.index(i -> i.index(target).id(docId).document(document)
                            .version(rendered.version()).versionType(VersionType.ExternalGte))));
        }
        BulkResponse response;
        try {
            response = client.bulk(b -> b.operations(operations));
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch unreachable; the processor will retry", e);
        }
        if (!response.errors()) {
            clearDeadLetters(indexName, ids);
            return;
        }
        List<Long> succeeded = new ArrayList<>();
        for (BulkResponseItem item : response.items()) {
            int status = item.status();
            // 409: a document from a newer snapshot is already there; 404: deleting what was never indexed
            if (item.error() == null || status == 409 || status == 404) {
                succeeded.add(Long.parseLong(item.id()));
            } else if (status == 429 || status >= 500) {
                throw new IllegalStateException("Elasticsearch is overloaded or failing (" + status + "): "
                        + item.error().reason() + "; the processor will retry");
            } else {
                deadLetter(indexName, Long.parseLong(item.id()), item.error().type() + ": " + item.error().reason());
            }
        }
        clearDeadLetters(indexName, succeeded);
    }

    private void deadLetter(String indexName, long id, String reason) {
        log.warn("Search document {}/{} refused and dead-lettered: {}", indexName, id, reason);
        jdbc.update("""
                insert into search_dead_letter (index_name, document_id, reason, attempts, first_failed, last_failed)
                values (?, ?, ?, 1, now(), now())
                on conflict (index_name, document_id)
                do update set reason = excluded.reason, attempts = search_dead_letter.attempts + 1,
                              last_failed = now()""", indexName, id, reason);
    }

    private void clearDeadLetters(String indexName, List<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.update("delete from search_dead_letter where index_name = ? and document_id = any(?)",
                    indexName, ids.toArray(Long[]::new));
        }
    }

    /** Dead-lettered document ids of an index, for a retry. */
    public List<Long> deadLetters(String indexName) {
        return jdbc.queryForList("select document_id from search_dead_letter where index_name = ? order by document_id",
                Long.class, indexName);
    }

    /**
     * Ids of documents that currently reference an entity ({@code tag:5}): how a projection finds
     * what a deletion or a move touched after the read model has forgotten it. The index is
     * refreshed first so documents written moments ago are seen.
     */
    public Set<Long> idsReferencing(String target, String ref) {
        Set<Long> ids = new HashSet<>();
        try {
            client.indices().refresh(r -> r.index(target).ignoreUnavailable(true));
            List<FieldValue> after = null;
            while (true) {
                List<FieldValue> searchAfter = after;
                SearchResponse<Void> page = client.search(s -> {
                    s.index(target).ignoreUnavailable(true).size(5_000).source(src -> src.fetch(false))
                            .query(q -> q.term(t -> t.field(SearchFields.REFS).value(ref)))
                            .sort(o -> o.field(f -> f.field(SearchFields.ID).order(SortOrder.Asc)));
                    return searchAfter == null ? s : s.searchAfter(searchAfter);
                }, Void.class);
                List<Hit<Void>> hits = page.hits().hits();
                hits.forEach(hit -> ids.add(Long.parseLong(hit.id())));
                if (hits.size() < 5_000) {
                    return ids;
                }
                after = hits.get(hits.size() - 1).sort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch unreachable; the processor will retry", e);
        }
    }

    /** Documents rendered in one snapshot; {@code at} is the newest event visible in it. */
    private record Rendered(IndexLineage.Mark at, Map<Long, Map<String, Object>> documents) {

        long version() {
            return at.position();
        }
    }
}
