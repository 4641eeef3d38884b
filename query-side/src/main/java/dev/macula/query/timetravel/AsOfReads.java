package dev.macula.query.timetravel;

import dev.macula.api.history.AsOf;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.List;

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

    private final ReadModelTimeTravel timeTravel;

    AsOfReads(ReadModelTimeTravel timeTravel) {
        this.timeTravel = timeTravel;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // the method first: getParameter on a form-encoded POST would consume its body
        if (!"GET".equals(request.getMethod())) {
            return true;
        }
        String raw = request.getParameter(AsOf.PARAMETER);
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (raw == null || pattern == null || !AsOfRoutes.answersAsOf(request.getMethod(), pattern.toString())) {
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
