package dev.macula.command.attributes;

import dev.macula.api.common.CurrentUser;
import dev.macula.api.common.MessageMetadata;
import dev.macula.api.common.RequestValidationException;
import dev.macula.api.common.ValidationError;
import dev.macula.command.common.CommandDispatcher;
import dev.macula.command.common.IdAllocator;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * {@code POST /api/attributes/import} (admin; new in Macula, where the original wrote attributes
 * with offline tooling straight into its database): a data frame of model outputs, one row per
 * (object, attribute, model), as CSV or NDJSON. A frame with any problem is refused whole with
 * every problem listed; a valid one defines what is new and records what changed. Sending the same
 * frame twice changes nothing the second time.
 */
@RestController
class AttributeImportController {

    /** Values in flight at once: independent aggregates, so the connection pool sets the pace. */
    private static final int CONCURRENCY = 8;
    private static final int MAX_ERRORS = 100;

    private final AttributeLookups lookups;
    private final CommandDispatcher commands;
    private final IdAllocator ids;

    AttributeImportController(AttributeLookups lookups, CommandDispatcher commands, IdAllocator ids) {
        this.lookups = lookups;
        this.commands = commands;
        this.ids = ids;
    }

    @PostMapping("/api/attributes/import")
    AttributeImport.Summary importFrame(@RequestBody(required = false) byte[] body,
                                        @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false)
                                        String contentType,
                                        @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser caller)
            throws InterruptedException {
        AttributeImport frame = new AttributeImport(lookups);
        frame.plan(AttributeUpload.read(body, contentType));
        if (!frame.errors().isEmpty()) {
            List<ValidationError> shown = new ArrayList<>(frame.errors().subList(0,
                    Math.min(MAX_ERRORS, frame.errors().size())));
            throw new RequestValidationException(shown);
        }
        AttributeImport.Commands planned = frame.commands(ids);
        Map<String, Object> stamp = stamp(caller);
        for (Object command : planned.catalog()) {
            commands.send(command, stamp, "Model not found");
        }
        sendConcurrently(planned.values(), stamp);
        return planned.summary();
    }

    /** The caller and request, named here because the values are sent from other threads than the request's. */
    private static Map<String, Object> stamp(CurrentUser caller) {
        Map<String, Object> stamp = new HashMap<>();
        stamp.put(MessageMetadata.ACTOR_ID, caller.id());
        stamp.put(MessageMetadata.ACTOR_NAME, caller.username());
        String requestId = MDC.get("requestId"); // the MDC key the request filter sets (infra's ActorMetadataInterceptor)
        if (requestId != null) {
            stamp.put(MessageMetadata.REQUEST_ID, requestId);
        }
        return stamp;
    }

    private void sendConcurrently(List<Object> values, Map<String, Object> stamp) throws InterruptedException {
        Semaphore slots = new Semaphore(CONCURRENCY);
        List<Future<?>> sent = new ArrayList<>(values.size());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Object command : values) {
                slots.acquire();
                sent.add(pool.submit(() -> {
                    try {
                        return commands.send(command, stamp, "Attribute value not found");
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<?> future : sent) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException(e.getCause());
                }
            }
        }
    }
}
