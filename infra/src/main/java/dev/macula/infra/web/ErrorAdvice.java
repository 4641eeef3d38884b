package dev.macula.infra.web;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.DetailedApiException;
import dev.macula.api.common.RequestValidationException;
import dev.macula.api.common.TooManyRequestsException;
import dev.macula.api.common.ValidationError;
import dev.macula.infra.axon.ActorMetadataInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * One place that turns failures into the contract's bodies (docs/api.md §0.6, docs/architecture.md, Errors): explicit
 * problems keep their status and detail, shape errors are pydantic-like 422 lists, duplicates are
 * 409, and anything unexpected is a 500 with a generic message — logged with the request id,
 * never a stack trace on the wire.
 */
@RestControllerAdvice
public class ErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        String where = location(e.getParameter());
        boolean integer = Number.class.isAssignableFrom(org.springframework.util.ClassUtils.resolvePrimitiveIfNecessary(
                e.getRequiredType() == null ? Object.class : e.getRequiredType()));
        ValidationError error = integer
                ? ValidationError.of("int_parsing", List.of(where, e.getName()),
                "Input should be a valid integer, unable to parse string as an integer", e.getValue())
                : ValidationError.of("value_error", List.of(where, e.getName()), "Input is not valid", e.getValue());
        return validation(List.of(error));
    }

    @ExceptionHandler(MissingRequestValueException.class)
    ResponseEntity<Object> missing(MissingRequestValueException e) {
        return validation(List.of(ValidationError.of("missing", List.of("query"), "Field required", null)));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e) {
        return validation(List.of(new ValidationError("json_invalid", List.of("body", 0), "JSON decode error",
                Map.of(), Map.of("error", "unreadable body"))));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return detail(405, "Method Not Allowed");
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    ResponseEntity<Object> notFound(Exception e) {
        return detail(404, "Not Found");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> mediaType(HttpMediaTypeNotSupportedException e) {
        return detail(415, "Unsupported media type: " + e.getContentType());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Object> tooLarge(MaxUploadSizeExceededException e) {
        return detail(413, "Request body too large");
    }

    /** Everything else, including problems wrapped by Axon on their way out of a unit of work. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> other(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TooManyRequestsException tooMany) {
                return ResponseEntity.status(429)
                        .header(HttpHeaders.RETRY_AFTER, Long.toString(tooMany.retryAfterSeconds()))
                        .body(Map.of("detail", tooMany.detail()));
            }
            if (cause instanceof DetailedApiException detailed) {
                return ResponseEntity.status(detailed.status()).body(Map.of("detail", detailed.body()));
            }
            if (cause instanceof ApiException api) {
                if (!api.fields().isEmpty()) {
                    Map<String, Object> body = new java.util.LinkedHashMap<>();
                    body.put("detail", api.detail());
                    body.putAll(new java.util.TreeMap<>(api.fields()));
                    return ResponseEntity.status(api.status()).body(body);
                }
                return detail(api.status(), api.detail());
            }
            if (cause instanceof RequestValidationException invalid) {
                return validation(invalid.errors());
            }
            if (cause instanceof DuplicateKeyException
                    || (cause instanceof SQLException sql && "23505".equals(sql.getSQLState()))) {
                return detail(409, "Conflicts with an existing record");
            }
            if (DatabaseFailures.unavailable(cause)) {
                log.warn("Database unavailable in request {}: {}", MDC.get(ActorMetadataInterceptor.REQUEST_ID_MDC),
                        cause.toString());
                return ResponseEntity.status(503).header(HttpHeaders.RETRY_AFTER, "5")
                        .body(Map.of("detail", DatabaseFailures.DETAIL));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        log.error("Unexpected error in request {}", MDC.get(ActorMetadataInterceptor.REQUEST_ID_MDC), e);
        return detail(500, "An unexpected error occurred.");
    }

    private static String location(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(PathVariable.class) ? "path" : "query";
    }

    private static ResponseEntity<Object> validation(List<ValidationError> errors) {
        return ResponseEntity.status(422).body(Map.of("detail", errors));
    }

    private static ResponseEntity<Object> detail(int status, String detail) {
        return ResponseEntity.status(status).body(Map.of("detail", detail));
    }
}
