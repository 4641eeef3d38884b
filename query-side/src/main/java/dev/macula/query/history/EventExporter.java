package dev.macula.query.history;

import dev.macula.api.history.EventExportLine;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The event export: stored events in position order, each rendered by {@link HistoryEntries} exactly as
 * the activity feed shows it, streamed from a cursor. It only reads up to the {@link CommittedHorizon},
 * so a client resuming after the last position it received neither misses nor repeats an event.
 */
@Component
class EventExporter {

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

    EventTypeCatalog types() {
        return types;
    }

    /** The position up to which an export started now may read (waits for committing transactions). */
    long horizon() {
        return horizon.position();
    }

    /**
     * Events with {@code after < position <= upTo}, at most {@code limit}, of the given stored payload
     * types (null: all) and entity type (canonical name; null: all).
     */
    void export(long after, long upTo, long limit, Collection<String> payloadTypes, String entityType,
                Consumer<EventExportLine> sink) {
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
        reader.streamInPositionOrder(where.toString(), args, limit,
                located -> sink.accept(EventExportLine.of(entries.activity(located))));
    }
}
