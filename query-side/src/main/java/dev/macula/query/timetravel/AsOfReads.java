package dev.macula.query.timetravel;

import dev.macula.api.history.AsOf;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.List;
import java.util.Set;

/**
 * {@code ?as_of=} on the GET endpoints that can answer for the past: the request runs in an as-of
 * transaction ({@link ReadModelTimeTravel}) around the unchanged live controller, so the answer
 * comes from the live rendering code. The header {@code Macula-As-Of} names the last event position
 * the answer includes. On every other endpoint the parameter means nothing, as before.
 */
@Component
class AsOfReads implements HandlerInterceptor {

    static final String HEADER = "Macula-As-Of";
    private static final String TRANSACTION = AsOfReads.class.getName() + ".transaction";

    /**
     * The routes (mapping patterns with the variable names left out) that answer as of a moment.
     * Model segmentations have no GET of their own (docs/api.md lists only their data): the data is it.
     */
    static final Set<String> ROUTES = Set.of(
            "/api/instances/{}", "/api/studies/{}", "/api/segmentations/{}", "/api/segmentations/{}/data",
            "/api/model-segmentations/{}", "/api/model-segmentations/{}/data", "/api/form-annotations/{}",
            "/api/form-annotations/{}/value", "/api/form-schemas/{}", "/api/task/{}", "/api/task/{}/subtasks", "/api/subtasks/{}",
            "/api/features/{}", "/api/tags", "/api/users/{}");

    private final ReadModelTimeTravel timeTravel;

    AsOfReads(ReadModelTimeTravel timeTravel) {
        this.timeTravel = timeTravel;
    }

    static String route(Object pattern) {
        return pattern == null ? null : pattern.toString().replaceAll("\\{[^}]*}", "{}");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String raw = request.getParameter(AsOf.PARAMETER);
        if (raw == null || !"GET".equals(request.getMethod())
                || !ROUTES.contains(route(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)))) {
            return true;
        }
        long position = timeTravel.resolve(AsOf.parse(raw), raw, List.of("query", AsOf.PARAMETER));
        request.setAttribute(TRANSACTION, timeTravel.begin(position));
        response.setHeader(HEADER, Long.toString(position));
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (request.getAttribute(TRANSACTION) instanceof TransactionStatus transaction) {
            request.removeAttribute(TRANSACTION);
            timeTravel.end(transaction);
        }
    }
}
