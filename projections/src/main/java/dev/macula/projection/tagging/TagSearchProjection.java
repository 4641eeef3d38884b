package dev.macula.projection.tagging;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import dev.macula.api.tagging.TagDocument;
import dev.macula.api.tagging.TagEvents.TagCreatedEvent;
import dev.macula.api.tagging.TagEvents.TagDeletedEvent;
import dev.macula.api.tagging.TagEvents.TagDescriptionChangedEvent;
import dev.macula.api.tagging.TagEvents.TagRenamedEvent;
import dev.macula.api.tagging.TagEvents.TagTypeChangedEvent;
import dev.macula.api.tagging.TagId;
import dev.macula.projection.search.SearchIndexes;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Elasticsearch tag index, fed asynchronously by a pooled streaming processor. Each event
 * re-indexes its tag's whole document from the read model (or deletes it), with the aggregate
 * sequence number as external version: replays and retries converge, and a stale write loses.
 * Writes of one processing batch go to Elasticsearch as one {@code _bulk} request.
 */
@Component
@ProcessingGroup(TagSearchProjection.GROUP)
class TagSearchProjection {

    static final String GROUP = "tag-search";
    private static final String PENDING = TagSearchProjection.class.getName() + ".pending";

    private static final Logger log = LoggerFactory.getLogger(TagSearchProjection.class);

    private final ElasticsearchClient client;
    private final SearchIndexes indexes;
    private final JdbcTemplate jdbc;

    TagSearchProjection(ElasticsearchClient client, SearchIndexes indexes, JdbcTemplate jdbc) {
        this.client = client;
        this.indexes = indexes;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TagCreatedEvent event, @SequenceNumber long sequence) {
        refresh(event.tagId(), sequence);
    }

    @EventHandler
    void on(TagRenamedEvent event, @SequenceNumber long sequence) {
        refresh(event.tagId(), sequence);
    }

    @EventHandler
    void on(TagDescriptionChangedEvent event, @SequenceNumber long sequence) {
        refresh(event.tagId(), sequence);
    }

    @EventHandler
    void on(TagTypeChangedEvent event, @SequenceNumber long sequence) {
        refresh(event.tagId(), sequence);
    }

    @EventHandler
    void on(TagDeletedEvent event, @SequenceNumber long sequence) {
        pending().put(event.tagId().value(), new Write(null, sequence));
    }

    /** The latest write per tag in this batch wins; it is read from the read model at flush time. */
    private void refresh(TagId tagId, long sequence) {
        pending().put(tagId.value(), new Write(tagId, sequence));
    }

    private Map<Long, Write> pending() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.root().getOrComputeResource(PENDING, key -> {
            Map<Long, Write> writes = new LinkedHashMap<>();
            unitOfWork.root().onPrepareCommit(u -> flush(writes));
            return writes;
        });
    }

    private void flush(Map<Long, Write> writes) {
        if (writes.isEmpty()) {
            return;
        }
        try {
            String alias = ensureIndex();
            List<BulkOperation> operations = new ArrayList<>();
            writes.forEach((id, write) -> {
                TagDocument document = write.tagId() == null ? null : document(id);
                String docId = Long.toString(id);
                operations.add(document == null
                        ? BulkOperation.of(o -> o.delete(d -> d.index(alias).id(docId)
                                .version(write.sequence()).versionType(VersionType.ExternalGte)))
                        : BulkOperation.of(o -> o.index(i -> i.index(alias).id(docId).document(document)
                                .version(write.sequence()).versionType(VersionType.ExternalGte))));
            });
            BulkResponse response = client.bulk(b -> b.operations(operations));
            for (BulkResponseItem item : response.items()) {
                // 409: a newer version is already there; 404: deleting what was never indexed
                if (item.error() != null && item.status() != 409 && item.status() != 404) {
                    throw new IllegalStateException("Elasticsearch refused tag " + item.id() + ": " + item.error().reason());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch unreachable; the processor will retry", e);
        }
    }

    /** Creates the index at start-up when Elasticsearch is there, so searches never meet a starting shard. */
    @EventListener(ApplicationReadyEvent.class)
    void createIndexEarly() {
        try {
            ensureIndex();
        } catch (IOException | RuntimeException e) {
            log.warn("Tag index not created at start-up ({}); it will be created with the first write",
                    e.getMessage());
        }
    }

    private String ensureIndex() throws IOException {
        return indexes.ensure(TagDocument.INDEX, TagDocument.VERSION, c -> c.mappings(m -> m
                .properties("id", p -> p.long_(l -> l))
                .properties("name", p -> p.text(t -> t))
                .properties("name_key", p -> p.keyword(k -> k))
                .properties("tag_type", p -> p.keyword(k -> k))
                .properties("description", p -> p.text(t -> t))
                .properties("creator_id", p -> p.long_(l -> l))
                .properties("creator_name", p -> p.keyword(k -> k))
                .properties("date_inserted", p -> p.keyword(k -> k))));
    }

    private TagDocument document(long tagId) {
        return jdbc.query("""
                        select t.id, t.name, t.name_key, t.tag_type, t.description, t.creator_id, u.username,
                               t.date_inserted
                        from tag t left join app_user u on u.id = t.creator_id where t.id = ?""",
                (rs, i) -> new TagDocument(rs.getLong("id"), rs.getString("name"), rs.getString("name_key"),
                        rs.getString("tag_type"), rs.getString("description"), rs.getLong("creator_id"),
                        rs.getString("username"),
                        java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                                rs.getTimestamp("date_inserted").toInstant().atOffset(ZoneOffset.UTC).toLocalDateTime())),
                tagId).stream().findFirst().orElse(null);
    }

    private record Write(TagId tagId, long sequence) {
    }
}
