package dev.macula.projection.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.get_mapping.IndexMappingRecord;
import co.elastic.clients.json.JsonData;
import jakarta.annotation.PreDestroy;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which event store a search index was filled from, and how far: the index mapping's
 * {@code _meta.macula} holds {@code event_store_id} (the UUID of {@code event_store_identity}),
 * {@code position} (the highest event-store position of a snapshot whose documents were written)
 * and {@code event_id} (the identifier of the event at that position).
 * <p>
 * Documents are versioned by event-store position, so an index filled from another database — or
 * from a newer state of this one, when an older backup was restored — silently drops the new
 * documents as stale. {@link #judge} recognises such an index: another store's UUID, a position
 * beyond the store's head, or a different event at that position (a restored copy that has since
 * moved on: its sequence hands out the same positions again).
 * <p>
 * The position is recorded after the documents are in, by a background stamper at most every
 * {@code macula.index-lineage.stamp-interval-ms} (a mapping update is a cluster-state change: not
 * one per bulk). It may lag behind, never run ahead. It is only ever raised, and never over a
 * lineage that does not match the store (that evidence is what the divergence check needs).
 */
@Component
public class IndexLineage {

    static final String META_KEY = "macula";
    private static final Logger log = LoggerFactory.getLogger(IndexLineage.class);

    /** A point in an event store's history: its UUID, a position and the event there (null at position 0). */
    public record Mark(String storeId, long position, String eventId) {

        Map<String, Object> toMeta() {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("event_store_id", storeId);
            meta.put("position", position);
            if (eventId != null) {
                meta.put("event_id", eventId);
            }
            return meta;
        }
    }

    /** The outcome of comparing an index's recorded lineage with the event store: {@code reason} is null when they match. */
    public record Verdict(String index, Mark recorded, String reason) {

        public boolean divergent() {
            return reason != null;
        }
    }

    private final ElasticsearchClient client;
    private final JdbcTemplate jdbc;
    /** Per target (alias or concrete index): the highest mark written and not yet recorded. */
    private final Map<String, Mark> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService stamper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("index-lineage").factory());

    IndexLineage(ElasticsearchClient client, JdbcTemplate jdbc,
                 @Value("${macula.index-lineage.stamp-interval-ms:2000}") long stampIntervalMs) {
        this.client = client;
        this.jdbc = jdbc;
        stamper.scheduleWithFixedDelay(this::stampPending, stampIntervalMs, stampIntervalMs, TimeUnit.MILLISECONDS);
    }

    /** The newest point of the event store, read inside the caller's transaction (the writer's snapshot). */
    Mark head() {
        return jdbc.queryForObject("""
                select i.id::text, coalesce(e.globalindex, 0), e.eventidentifier
                from event_store_identity i
                left join lateral (select globalindex, eventidentifier from domainevententry
                                   order by globalindex desc limit 1) e on true""",
                (rs, row) -> new Mark(rs.getString(1), rs.getLong(2), rs.getString(3)));
    }

    /** The {@code _meta} of a new, still empty index: this store, nothing seen yet. */
    Map<String, JsonData> initialMeta() {
        String storeId = jdbc.queryForObject("select id::text from event_store_identity", String.class);
        return Map.of(META_KEY, JsonData.of(new Mark(storeId, 0, null).toMeta()));
    }

    /** Called after documents rendered at {@code mark} went into {@code target}; recorded by the stamper. */
    void written(String target, Mark mark) {
        pending.merge(target, mark, (old, now) -> now.position() >= old.position() ? now : old);
    }

    /** The lineage recorded in each concrete index behind {@code target} (null for an index without one). */
    public Map<String, Mark> recorded(String target) throws IOException {
        Map<String, Mark> recorded = new LinkedHashMap<>();
        for (Map.Entry<String, IndexMappingRecord> e : client.indices().getMapping(g -> g.index(target)).mappings().entrySet()) {
            JsonData meta = e.getValue().mappings() == null ? null : e.getValue().mappings().meta().get(META_KEY);
            recorded.put(e.getKey(), meta == null ? null : parse(meta.toJson()));
        }
        return recorded;
    }

    private static Mark parse(JsonValue value) {
        JsonObject o = value.asJsonObject();
        return new Mark(o.containsKey("event_store_id") ? o.getString("event_store_id") : null,
                o.containsKey("position") ? o.getJsonNumber("position").longValue() : 0,
                o.containsKey("event_id") && o.get("event_id").getValueType() == JsonValue.ValueType.STRING
                        ? o.getString("event_id") : null);
    }

    /**
     * Compares the lineage of the index behind {@code target} with the event store as it is now.
     * No index, or an index without a recorded lineage (made before lineages existed), is not divergent.
     */
    public Verdict judge(String target) throws IOException {
        Map<String, Mark> recorded;
        try {
            recorded = recorded(target);
        } catch (ElasticsearchException e) {
            if ("index_not_found_exception".equals(e.error().type())) {
                return new Verdict(null, null, null);
            }
            throw e;
        }
        for (Map.Entry<String, Mark> e : recorded.entrySet()) {
            String reason = mismatch(e.getValue());
            if (reason != null) {
                return new Verdict(e.getKey(), e.getValue(), reason);
            }
        }
        return recorded.isEmpty() ? new Verdict(null, null, null)
                : new Verdict(recorded.keySet().iterator().next(), recorded.values().iterator().next(), null);
    }

    /** Why {@code mark} is not a point in this event store's history, or null when it is. */
    String mismatch(Mark mark) {
        if (mark == null || mark.storeId() == null) {
            return null;
        }
        String storeId = jdbc.queryForObject("select id::text from event_store_identity", String.class);
        if (!mark.storeId().equals(storeId)) {
            return "the index was filled from event store " + mark.storeId() + "; this is event store " + storeId;
        }
        if (mark.position() <= 0) {
            return null;
        }
        Long head = jdbc.queryForObject("select coalesce(max(globalindex), 0) from domainevententry", Long.class);
        if (mark.position() > head) {
            return "the index has seen event-store position " + mark.position() + ", but the event store's head is "
                    + head + " (restored from an older copy?)";
        }
        List<String> there = jdbc.queryForList("select eventidentifier from domainevententry where globalindex = ?",
                String.class, mark.position());
        if (mark.eventId() != null && !there.contains(mark.eventId())) {
            return "the event at position " + mark.position() + " is not the one the index has seen"
                    + " (the event store was restored from an older copy and has moved on)";
        }
        return null;
    }

    /** Records every pending mark; a mark that cannot be recorded now (Elasticsearch away) is kept for the next round. */
    void stampPending() {
        for (String target : List.copyOf(pending.keySet())) {
            Mark mark = pending.remove(target);
            if (mark == null) {
                continue;
            }
            try {
                stamp(target, mark);
            } catch (IOException | RuntimeException e) {
                written(target, mark);
                log.debug("Lineage of {} not recorded yet: {}", target, e.getMessage());
            }
        }
    }

    private void stamp(String target, Mark mark) throws IOException {
        if (mismatch(mark) != null) {
            return; // the database changed since these documents were rendered: nothing to vouch for
        }
        Map<String, Mark> recorded;
        try {
            recorded = recorded(target);
        } catch (ElasticsearchException e) {
            if ("index_not_found_exception".equals(e.error().type())) {
                return; // deleted meanwhile (a finished or failed rebuild)
            }
            throw e;
        }
        for (Map.Entry<String, Mark> e : recorded.entrySet()) {
            Mark old = e.getValue();
            if (old != null && old.storeId() != null
                    && (mismatch(old) != null || (old.storeId().equals(mark.storeId()) && old.position() >= mark.position()))) {
                continue; // divergent (keep the evidence for the check) or already as far
            }
            client.indices().putMapping(p -> p.index(e.getKey()).meta(META_KEY, JsonData.of(mark.toMeta())));
        }
    }

    /** A node that stops records how far its indexes got (the processors have stopped by now). */
    @PreDestroy
    void stop() {
        stamper.shutdownNow();
        stampPending();
    }
}
