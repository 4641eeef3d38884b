package dev.macula.infra.operations;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Projection status and rebuilds, for admins (role 1). */
@RestController
class ProjectionAdminController {

    private final ProjectionOperations operations;

    ProjectionAdminController(ProjectionOperations operations) {
        this.operations = operations;
    }

    @GetMapping("/api/admin/projections")
    List<Map<String, Object>> projections() {
        return operations.status();
    }

    @GetMapping("/api/admin/projections/{name}")
    Map<String, Object> projection(@PathVariable("name") String name) {
        return operations.status(name);
    }

    @PostMapping("/api/admin/projections/{name}/dead-letters/retry")
    Map<String, Object> retryDeadLetters(@PathVariable("name") String name) {
        return operations.retryDeadLetters(name);
    }

    @PostMapping("/api/admin/projections/{name}/rebuild")
    Map<String, Object> rebuild(@PathVariable("name") String name) {
        return operations.rebuild(name);
    }
}
