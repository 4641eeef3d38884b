package dev.macula.infra.apidocs;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.servlet.http.HttpServletRequest;
import org.springdoc.webmvc.api.OpenApiWebMvcResource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;

/**
 * springdoc serves the document at one path ({@code /openapi.json}, FastAPI's); Spring tools look at
 * {@code /v3/api-docs}, so that path answers the same document (the same cached instance).
 */
@RestController
class ApiDocsAliasController {

    private static final String SPRINGDOC_PATH = "/v3/api-docs";

    private final OpenApiWebMvcResource documents;

    ApiDocsAliasController(OpenApiWebMvcResource documents) {
        this.documents = documents;
    }

    @GetMapping(value = SPRINGDOC_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    byte[] document(HttpServletRequest request, Locale locale) throws JsonProcessingException {
        return documents.openapiJson(request, SPRINGDOC_PATH, locale);
    }
}
