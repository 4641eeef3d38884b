package dev.macula.infra.metrics;

import dev.macula.api.search.SearchMessages.SearchInstancesQuery;
import dev.macula.api.search.SearchMessages.SearchStudiesQuery;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code macula_search_seconds{kind,outcome}}: the query bus's monitor, timing the instance and
 * study searches (Elasticsearch plus the page rendered from PostgreSQL). Every other query passes
 * with a no-op callback, so the many small lookups per request pay one type check.
 */
final class SearchMetrics implements MessageMonitor<Message<?>> {

    private final Supplier<MeterRegistry> registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    SearchMetrics(Supplier<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> query) {
        Class<?> type = query.getPayloadType();
        String kind = type == SearchInstancesQuery.class ? "instances" : type == SearchStudiesQuery.class ? "studies" : null;
        if (kind == null) {
            return NoOpMessageMonitorCallback.INSTANCE;
        }
        long start = System.nanoTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                record(kind, Outcome.SUCCESS, start);
            }

            @Override
            public void reportFailure(Throwable cause) {
                record(kind, Outcome.of(cause), start);
            }

            @Override
            public void reportIgnored() {
                // a search always has a handler
            }
        };
    }

    private void record(String kind, Outcome outcome, long start) {
        timers.computeIfAbsent(kind + ' ' + outcome.label, key -> Timer.builder("macula.search")
                        .description("Instance and study searches").tag("kind", kind).tag("outcome", outcome.label)
                        .serviceLevelObjectives(Outcome.BUCKETS).register(registry.get()))
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
}
