package dev.macula.infra.operations;

import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Looks for search indexes filled from another event store (or from beyond this one's head) once
 * the node is up, and then every {@code macula.index-lineage.check-interval} (30 s): a database can
 * be recreated or restored from a backup under a running node. A divergent index is rebuilt.
 */
@Component
class IndexLineageWatch {

    private final ProjectionOperations operations;
    private final Duration interval;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("index-lineage-check").factory());

    IndexLineageWatch(ProjectionOperations operations,
                      @Value("${macula.index-lineage.check-interval:30s}") Duration interval) {
        this.operations = operations;
        this.interval = interval;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        checks.scheduleWithFixedDelay(operations::rebuildDivergentIndexes, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        checks.shutdownNow();
    }
}
