package dev.macula.infra.web;

import org.axonframework.config.EventProcessingConfiguration;
import dev.macula.infra.health.EventProcessorsHealthIndicator;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * The original's health route (docs/api.md §0.1), with one promise more: "healthy" means usable. The
 * web server accepts connections before start-up has finished; until the start-up runners (the
 * bootstrap admin among them) are done and every event processor runs, this answers 503
 * {@code starting}, so a script that waits for 200 can log in right away. Readiness with details
 * (PostgreSQL, Elasticsearch, processors) is {@code /actuator/health/readiness}.
 */
@RestController
class HealthController {

    private final ApplicationAvailability availability;
    private final EventProcessingConfiguration processing;

    HealthController(ApplicationAvailability availability, EventProcessingConfiguration processing) {
        this.availability = availability;
        this.processing = processing;
    }

    @GetMapping("/health")
    ResponseEntity<Map<String, Object>> health() {
        if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("status", "starting"));
        }
        List<String> stopped = EventProcessorsHealthIndicator.notRunning(processing);
        if (!stopped.isEmpty()) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(Map.of("status", "unhealthy", "event_processors_not_running", stopped));
        }
        return ResponseEntity.ok(Map.of("status", "healthy"));
    }
}
