package dev.macula.infra.operations;

import dev.macula.api.common.ApiException;
import dev.macula.infra.axon.InlineReadModels;
import dev.macula.projection.search.IndexLineage;
import dev.macula.projection.search.SearchProjections;
import dev.macula.projection.search.SearchProjections.Definition;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Status and rebuilds of the projections ({@code GET /api/admin/projections},
 * {@code POST /api/admin/projections/{name}/rebuild}, {@code ./macula rebuild NAME}). Names are
 * processing groups; {@code read-models} stands for all inline PostgreSQL read models together
 * (they are rebuilt as one, since they refer to each other).
 */
@Component
public class ProjectionOperations {

    static final String READ_MODELS = "read-models";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProjectionOperations.class);

    private final EventProcessingConfiguration processing;
    private final InlineReadModels inlineReadModels;
    private final SearchProjections search;
    private final EventStore eventStore;
    private final EventStorageEngine storage;
    private final TokenStore tokenStore;
    private final TransactionManager axonTransactions;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;
    private final WriteGate gate;
    private final DataSource dataSource;
    private final Map<String, SearchIndexRebuild> searchRebuilds = new ConcurrentHashMap<>();
    /** How long an automatic rebuild of a divergent index waits after the previous one failed. */
    private static final Duration RETRY_AFTER_FAILED_REBUILD = Duration.ofMinutes(10);
    private volatile ReadModelRebuild readModelRebuild;

    ProjectionOperations(EventProcessingConfiguration processing, InlineReadModels inlineReadModels,
                         SearchProjections search, EventStore eventStore,
                         EventStorageEngine storage, TokenStore tokenStore, TransactionManager axonTransactions,
                         PlatformTransactionManager transactions, JdbcTemplate jdbc, WriteGate gate,
                         DataSource dataSource) {
        this.processing = processing;
        this.inlineReadModels = inlineReadModels;
        this.search = search;
        this.eventStore = eventStore;
        this.storage = storage;
        this.tokenStore = tokenStore;
        this.axonTransactions = axonTransactions;
        this.transaction = new TransactionTemplate(transactions);
        this.jdbc = jdbc;
        this.gate = gate;
        this.dataSource = dataSource;
    }

    /** The global index of the newest event in the store. */
    long head() {
        Long head = jdbc.queryForObject("select max(globalindex) from domainevententry", Long.class);
        return head == null ? -1 : head;
    }

    /** The event processors shown as projections (Axon's internal ones, named with an "@", left out). */
    private List<String> processorNames() {
        return processing.eventProcessors().keySet().stream().filter(name -> !name.contains("@")).sorted().toList();
    }

    /** Every projection name {@link #status()} lists, {@code read-models} included. */
    public List<String> projectionNames() {
        List<String> names = new ArrayList<>(processorNames());
        names.add(READ_MODELS);
        return names;
    }

    /** The search projections, which may park documents in the dead-letter table. */
    public List<String> searchProjectionNames() {
        return search.definitions().stream().map(Definition::group).toList();
    }

    public List<Map<String, Object>> status() {
        long head = head();
        List<Map<String, Object>> all = new ArrayList<>();
        processorNames().forEach(name -> all.add(status(name, head)));
        all.add(readModelsStatus(head));
        return all;
    }

    private Map<String, Object> readModelsStatus(long head) {
        Map<String, Object> readModels = new LinkedHashMap<>();
        readModels.put("name", READ_MODELS);
        readModels.put("processor", String.join(",", inlineReadModels.groups()));
        readModels.put("mode", "inline");
        readModels.put("position", head);
        readModels.put("head", head);
        readModels.put("lag", 0);
        readModels.put("status", readModelRebuild != null && !readModelRebuild.finished() ? "rebuilding" : "live");
        readModels.put("rebuildable", true);
        if (readModelRebuild != null) {
            readModels.put("rebuild", readModelRebuild.progress());
        }
        return readModels;
    }

    public Map<String, Object> status(String name) {
        if (READ_MODELS.equals(name)) {
            return readModelsStatus(head());
        }
        if (processing.eventProcessor(name).isEmpty()) {
            throw ApiException.notFound("Projection not found");
        }
        return status(name, head());
    }

    private Map<String, Object> status(String name, long head) {
        EventProcessor processor = processing.eventProcessor(name).orElseThrow();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("name", name);
        status.put("processor", name);
        boolean inline = inlineReadModels.contains(name);
        status.put("mode", inline ? "inline" : "pooled");
        if (processor instanceof StreamingEventProcessor streaming) {
            Map<Integer, EventTrackerStatus> segments = streaming.processingStatus();
            Long known = position(name, segments);
            status.put("position", known);
            status.put("head", head);
            status.put("lag", known == null ? null : Math.max(0, head - known));
            status.put("segments", segments.size());
            String state;
            if (segments.values().stream().anyMatch(EventTrackerStatus::isErrorState)) {
                state = "error";
            } else if (segments.isEmpty()) {
                state = "claimed_elsewhere";
            } else {
                state = known != null && known >= head ? "live" : "catching_up";
            }
            SearchIndexRebuild rebuild = searchRebuilds.get(name);
            if (rebuild != null && !rebuild.finished()) {
                state = "rebuilding";
            }
            status.put("status", state);
            if (segments.values().stream().anyMatch(EventTrackerStatus::isErrorState)) {
                status.put("error", segments.values().stream().filter(EventTrackerStatus::isErrorState)
                        .map(s -> String.valueOf(s.getError())).findFirst().orElse(null));
            }
        } else {
            status.put("position", head);
            status.put("head", head);
            status.put("lag", 0);
            status.put("status", "live");
        }
        Optional<Definition> definition = search.find(name);
        status.put("rebuildable", definition.isPresent() || inline);
        definition.ifPresent(d -> {
            status.put("index", d.indexName());
            putLineage(status, d);
            status.put("dead_letters", jdbc.queryForObject(
                    "select count(*) from search_dead_letter where index_name = ?", Long.class, d.indexName()));
            try {
                status.put("documents", search.documentCounts(d));
            } catch (Exception e) {
                status.put("documents", null);
                status.put("documents_error", "Elasticsearch did not answer: " + e.getMessage());
            }
        });
        SearchIndexRebuild rebuild = searchRebuilds.get(name);
        if (rebuild != null) {
            status.put("rebuild", rebuild.progress());
        }
        return status;
    }

    /**
     * Events behind the head per projection, for the metrics: only what {@link #status()} knows
     * without asking Elasticsearch (the head, in-memory tracker positions, the token table for
     * segments claimed elsewhere). Inline read models are never behind.
     */
    public Map<String, Long> lags() {
        long head = head();
        Map<String, Long> lags = new LinkedHashMap<>();
        for (String name : processorNames()) {
            EventProcessor processor = processing.eventProcessor(name).orElseThrow();
            Long known = processor instanceof StreamingEventProcessor streaming
                    ? position(name, streaming.processingStatus()) : Long.valueOf(head);
            if (known != null) {
                lags.put(name, Math.max(0, head - known));
            }
        }
        lags.put(READ_MODELS, 0L);
        return lags;
    }

    /** Parked documents per search projection (zero included), for the metrics. */
    public Map<String, Long> deadLetters() {
        Map<String, Long> byIndex = new java.util.HashMap<>();
        jdbc.query("select index_name, count(*) from search_dead_letter group by index_name",
                row -> { byIndex.put(row.getString(1), row.getLong(2)); });
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Definition definition : search.definitions()) {
            counts.put(definition.group(), byIndex.getOrDefault(definition.indexName(), 0L));
        }
        return counts;
    }

    /** The lowest position of the segments this node runs, else the one stored in the token table. */
    private Long position(String name, Map<Integer, EventTrackerStatus> segments) {
        OptionalLong position = segments.values().stream().map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min();
        return position.isPresent() ? Long.valueOf(position.getAsLong()) : storedPosition(name);
    }

    /**
     * The index's recorded lineage; an index filled from another event store, or beyond this store's
     * head, is {@code divergent} whatever the processor says (its documents shadow this store's).
     */
    private void putLineage(Map<String, Object> status, Definition definition) {
        try {
            IndexLineage.Verdict verdict = search.lineage(definition);
            if (verdict.recorded() != null) {
                Map<String, Object> lineage = new LinkedHashMap<>();
                lineage.put("event_store_id", verdict.recorded().storeId());
                lineage.put("position", verdict.recorded().position());
                status.put("lineage", lineage);
            }
            if (verdict.divergent()) {
                status.put("status", "divergent");
                status.put("reason", verdict.reason());
            }
        } catch (Exception e) {
            status.put("lineage_error", "Lineage not checked: " + e.getMessage());
        }
    }

    /**
     * Checks every search index's lineage and rebuilds a divergent one, blue/green (at start-up and
     * periodically: a database can be recreated or restored under a running node). Several nodes may
     * notice it at once; the rebuild lock lets one of them rebuild, and the check is repeated under
     * the lock so a node that comes second does not rebuild an index that was just rebuilt.
     */
    void rebuildDivergentIndexes() {
        for (Definition definition : search.definitions()) {
            try {
                IndexLineage.Verdict verdict = search.lineage(definition);
                if (verdict.divergent()) {
                    rebuildDivergent(definition, verdict.reason());
                }
            } catch (Exception e) {
                log.warn("Could not check the lineage of the {} index: {}", definition.indexName(), e.getMessage());
            }
        }
    }

    private synchronized void rebuildDivergent(Definition definition, String reason) throws java.io.IOException {
        SearchIndexRebuild running = searchRebuilds.get(definition.group());
        if (running != null && !running.finished()) {
            return;
        }
        if (running != null && running.failedAt() != null
                && Instant.now().isBefore(running.failedAt().plus(RETRY_AFTER_FAILED_REBUILD))) {
            return; // it failed (disk watermark, a refused mapping…): no full replay on every check
        }
        RebuildLock lock = RebuildLock.tryAcquire(dataSource, definition.group());
        if (lock == null) {
            return; // another node is rebuilding it
        }
        IndexLineage.Verdict again;
        try {
            again = search.lineage(definition);
        } catch (java.io.IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        if (!again.divergent()) {
            lock.close();
            return;
        }
        log.warn("The {} index is divergent ({}): rebuilding it", definition.indexName(), again.reason());
        start(definition, lock, "divergent: " + reason);
    }

    private void start(Definition definition, RebuildLock lock, String cause) {
        SearchIndexRebuild rebuild = new SearchIndexRebuild(definition, search, eventStore, tokenStore,
                axonTransactions, jdbc, this::head, lock, cause);
        searchRebuilds.put(definition.group(), rebuild);
        Thread.ofVirtual().name("rebuild-" + definition.group()).start(rebuild);
    }

    /** The position stored in the token table (segments owned by another node). */
    private Long storedPosition(String name) {
        List<String> tokens = jdbc.queryForList(
                "select convert_from(token, 'UTF8') from tokenentry where processorname = ? and token is not null",
                String.class, name);
        Long lowest = null;
        for (String token : tokens) {
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"index\"\\s*:\\s*(\\d+)").matcher(token);
            if (matcher.find()) {
                long index = Long.parseLong(matcher.group(1));
                lowest = lowest == null ? index : Math.min(lowest, index);
            }
        }
        return lowest;
    }

    /** Writes the dead-lettered documents of a search projection again (after the cause is fixed). */
    public Map<String, Object> retryDeadLetters(String name) {
        Definition definition = search.find(name).orElseThrow(() -> ApiException.notFound("Projection not found"));
        try {
            int tried = search.retryDeadLetters(definition);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("retried", tried);
            result.put("dead_letters", jdbc.queryForObject(
                    "select count(*) from search_dead_letter where index_name = ?", Long.class, definition.indexName()));
            return result;
        } catch (java.io.IOException | RuntimeException e) {
            throw new ApiException(503, "Elasticsearch did not take the documents: " + e.getMessage());
        }
    }

    /** Starts a rebuild in the background; the status shows its progress. */
    public synchronized Map<String, Object> rebuild(String name) {
        if (READ_MODELS.equals(name) || inlineReadModels.contains(name)) {
            if (readModelRebuild != null && !readModelRebuild.finished()) {
                throw new ApiException(409, "A rebuild of the read models is already running");
            }
            RebuildOrder order = RebuildOrder.of(inlineReadModels.tablesByGroup(), RebuildOrder.foreignKeys(jdbc));
            Map<String, EventHandlerInvoker> invokers = new LinkedHashMap<>();
            for (String group : order.groups()) {
                processing.eventProcessor(group).map(p -> ((AbstractEventProcessor) p).eventHandlerInvoker())
                        .ifPresent(invoker -> invokers.put(group, invoker));
            }
            readModelRebuild = new ReadModelRebuild(invokers, order.tables(), storage, transaction, jdbc, gate, this::head);
            Thread.ofVirtual().name("rebuild-read-models").start(readModelRebuild);
            return status(READ_MODELS);
        }
        Definition definition = search.find(name).orElseThrow(() -> processing.eventProcessor(name).isPresent()
                ? new ApiException(400, "Projection " + name + " cannot be rebuilt")
                : ApiException.notFound("Projection not found"));
        SearchIndexRebuild running = searchRebuilds.get(name);
        if (running != null && !running.finished()) {
            throw new ApiException(409, "A rebuild of " + name + " is already running");
        }
        RebuildLock lock = RebuildLock.tryAcquire(dataSource, name);
        if (lock == null) {
            throw new ApiException(409, "A rebuild of " + name + " is running on another node");
        }
        start(definition, lock, "requested");
        return status(name);
    }
}
