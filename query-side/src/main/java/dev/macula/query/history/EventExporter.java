package dev.macula.query.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The event export: stored events in position order, each rendered by {@link HistoryEntries} exactly as
 * the activity feed shows it, streamed from a cursor. It only reads up to the {@link CommittedHorizon},
 * so a client resuming after the last position it received neither misses nor repeats an event.
 */
@Component
class EventExporter {

    /** Events per rendering batch, and batches rendered ahead of the writer (bounded memory). */
    private static final int BATCH = 500;
    private static final int IN_FLIGHT = 2 * Runtime.getRuntime().availableProcessors();
    private static final JsonFactory LINES = new JsonFactoryBuilder().rootValueSeparator((String) null).build();

    private final ExecutorService renderers = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), Thread.ofPlatform().name("event-export-", 0).daemon().factory());
    private final HistoryReader reader;
    private final HistoryEntries entries;
    private final CommittedHorizon horizon;
    private final EventTypeCatalog types;

    EventExporter(HistoryReader reader, HistoryEntries entries, CommittedHorizon horizon, EventTypeCatalog types) {
        this.reader = reader;
        this.entries = entries;
        this.horizon = horizon;
        this.types = types;
    }

    @PreDestroy
    void stop() {
        renderers.shutdownNow();
    }

    EventTypeCatalog types() {
        return types;
    }

    /** The position up to which an export started now may read (waits for committing transactions). */
    long horizon() {
        return horizon.position();
    }

    /** Lines of JSON, each followed by a newline. */
    private ByteArrayOutputStream ndjson(List<EventRow> events) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(events.size() * 512);
        try (JsonGenerator out = LINES.createGenerator(buffer)) {
            for (EventRow event : events) {
                entries.writeExportLine(event, out);
                out.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // into memory: only a payload that cannot be written
        }
        return buffer;
    }

    /**
     * Events with {@code after < position <= upTo}, at most {@code limit}, of the given stored payload
     * types (null: all) and entity type (canonical name; null: all). Decoding and rendering (most of
     * the time) happen in batches on the other cores while this thread reads the cursor; {@code out}
     * receives the NDJSON lines batch by batch, in position order, on this thread.
     */
    void export(long after, long upTo, long limit, Collection<String> payloadTypes, String entityType,
                Consumer<ByteArrayOutputStream> out) {
        StringBuilder where = new StringBuilder("globalindex > ? and globalindex <= ?");
        List<Object> args = new ArrayList<>(List.of(after, upTo));
        if (payloadTypes != null) {
            where.append(" and payloadtype = any(?)");
            args.add(payloadTypes.toArray(String[]::new));
        }
        if (entityType != null) {
            where.append(" and starts_with(aggregateidentifier, ?)");
            args.add(entityType + ":");
        }
        try (OrderedBatches<EventRow, ByteArrayOutputStream> batches = new OrderedBatches<>(BATCH, IN_FLIGHT, renderers,
                this::ndjson, out)) {
            reader.streamInPositionOrder(where.toString(), args, limit, batches);
        }
    }
}
