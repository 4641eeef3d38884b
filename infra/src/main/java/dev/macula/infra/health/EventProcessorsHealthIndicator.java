package dev.macula.infra.health;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readiness of the event processors: each must be running and not in error. For streaming
 * processors the details also say whether they have caught up (replaying or not).
 */
@Component("eventProcessorsHealthIndicator")
public class EventProcessorsHealthIndicator implements HealthIndicator {

    private final EventProcessingConfiguration processing;

    EventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** Names of the processors that are stopped or in error, sorted; empty when all run. */
    public static List<String> notRunning(EventProcessingConfiguration processing) {
        return processing.eventProcessors().values().stream()
                .filter(processor -> !processor.isRunning() || processor.isError())
                .map(EventProcessor::getName)
                .sorted()
                .toList();
    }

    @Override
    public Health health() {
        boolean up = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            EventProcessor processor = entry.getValue();
            boolean healthy = processor.isRunning() && !processor.isError();
            up &= healthy;
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("running", processor.isRunning());
            info.put("error", processor.isError());
            if (processor instanceof StreamingEventProcessor streaming) {
                info.put("segments", streaming.processingStatus().size());
                info.put("replaying", streaming.isReplaying());
            }
            details.put(entry.getKey(), info);
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }
}
