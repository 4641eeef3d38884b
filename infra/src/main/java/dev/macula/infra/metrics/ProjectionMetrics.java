package dev.macula.infra.metrics;

import dev.macula.infra.operations.ProjectionOperations;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * {@code macula_projection_lag_events{projection}} and {@code macula_dead_letters{projection}},
 * read at scrape time from {@link ProjectionOperations} — the head, the trackers' positions and a
 * count of the dead-letter table, never Elasticsearch — and kept for a few seconds, so one scrape
 * asks PostgreSQL once for all gauges and several Prometheus servers do not multiply the queries.
 * Registered once the application is ready: the event processors exist by then.
 */
@Component
class ProjectionMetrics {

    private static final Logger log = LoggerFactory.getLogger(ProjectionMetrics.class);
    static final long FRESH_FOR_NANOS = 5_000_000_000L;

    private final ProjectionOperations operations;
    private final MeterRegistry registry;
    private Snapshot last; // guarded by this

    ProjectionMetrics(ProjectionOperations operations, MeterRegistry registry) {
        this.operations = operations;
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        for (String projection : operations.projectionNames()) {
            Gauge.builder("macula.projection.lag", this, metrics -> metrics.lag(projection))
                    .description("Events between the head of the event store and the projection's position")
                    .baseUnit("events").tag("projection", projection).strongReference(true).register(registry);
        }
        for (String projection : operations.searchProjectionNames()) {
            Gauge.builder("macula.dead.letters", this, metrics -> metrics.deadLetters(projection))
                    .description("Documents parked in search_dead_letter, waiting for a retry")
                    .tag("projection", projection).strongReference(true).register(registry);
        }
    }

    private double lag(String projection) {
        return orNaN(snapshot().lags().get(projection));
    }

    private double deadLetters(String projection) {
        return orNaN(snapshot().deadLetters().get(projection));
    }

    private static double orNaN(Long value) {
        return value == null ? Double.NaN : value;
    }

    /** The cached figures, refreshed when older than five seconds; empty (NaN gauges) while PostgreSQL fails. */
    private synchronized Snapshot snapshot() {
        long now = System.nanoTime();
        if (last == null || now - last.takenAt() > FRESH_FOR_NANOS) {
            try {
                last = new Snapshot(operations.lags(), operations.deadLetters(), now);
            } catch (RuntimeException e) {
                log.warn("Projection metrics unavailable: {}", e.toString());
                last = new Snapshot(Map.of(), Map.of(), now);
            }
        }
        return last;
    }

    record Snapshot(Map<String, Long> lags, Map<String, Long> deadLetters, long takenAt) {
    }
}
