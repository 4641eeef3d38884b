package dev.macula.query.timetravel;

import java.util.Set;

/** The GET routes that answer as of a moment ({@code ?as_of=}); the OpenAPI document lists the parameter on them. */
public final class AsOfRoutes {

    /**
     * Mapping patterns with the variable names left out. Model segmentations have no GET of their own
     * (docs/api.md lists only their data): the data is it.
     */
    private static final Set<String> ROUTES = Set.of(
            "/api/instances/{}", "/api/studies/{}", "/api/segmentations/{}", "/api/segmentations/{}/data",
            "/api/model-segmentations/{}", "/api/model-segmentations/{}/data", "/api/form-annotations/{}",
            "/api/form-annotations/{}/value", "/api/form-schemas/{}", "/api/task/{}", "/api/task/{}/subtasks", "/api/subtasks/{}",
            "/api/features/{}", "/api/tags", "/api/users/{}");

    private AsOfRoutes() {
    }

    /** @param pattern a mapping pattern such as {@code /api/task/{task_id}} */
    public static boolean answersAsOf(String method, String pattern) {
        return "GET".equalsIgnoreCase(method) && ROUTES.contains(pattern.replaceAll("\\{[^}]*}", "{}"));
    }
}
