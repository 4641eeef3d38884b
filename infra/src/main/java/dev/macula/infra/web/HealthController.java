package dev.macula.infra.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** The original's liveness route (contract §0.1). Readiness with details is {@code /actuator/health/readiness}. */
@RestController
class HealthController {

    @GetMapping("/health")
    Map<String, String> health() {
        return Map.of("status", "healthy");
    }
}
