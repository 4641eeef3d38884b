package dev.macula.infra.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.common.JsonBody;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code GET /openapi.json}, {@code /v3/api-docs}) and Swagger UI ({@code GET /docs}).
 * springdoc builds the document on its first request and caches it. Credentials are declared as
 * security schemes — the bearer token of scripts and the web viewer's {@code jwt_token} cookie — so
 * Swagger UI's "Authorize" works; the original declared them as parameters of every operation.
 */
@Configuration
class ApiDocsConfiguration {

    static final String BEARER = "bearerAuth";
    static final String COOKIE = "cookieAuth";

    static {
        // a controller's JsonBody is the raw request body, documented by OperationSchemas, not a parameter
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(JsonBody.class)
                // a JSON tree is any JSON value, not a "JsonNode" object
                .replaceWithSchema(JsonNode.class, new Schema<>());
    }

    @Bean
    OpenAPI maculaOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Macula API").version("0.1.0").description("""
                        Wire-compatible with the Eyened API (docs/api.md in the repository), plus Macula's additions \
                        (README, "API beyond the original"). Every operation needs a user except login, token, \
                        refresh, logout and the health checks: send `Authorization: Bearer <access_token>` \
                        (from POST /api/auth/token) or the `jwt_token` cookie that POST /api/auth/login sets."""))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("access_token from POST /api/auth/token"))
                        .addSecuritySchemes(COOKIE, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("jwt_token")
                                .description("set by POST /api/auth/login (the web viewer's login)")))
                // either credential will do
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .addSecurityItem(new SecurityRequirement().addList(COOKIE));
    }

    @Bean
    OpenApiCustomizer operationSchemas() {
        return new OperationSchemas();
    }

    /** {@code ResponseEntity<Void>} answers are 204 No Content (deletes, star, form value). */
    @Bean
    OperationCustomizer noContentAnswers() {
        return (operation, handler) -> {
            ResolvableType answer = ResolvableType.forMethodReturnType(handler.getMethod());
            if (answer.toClass() == ResponseEntity.class && answer.getGeneric(0).toClass() == Void.class) {
                operation.setResponses(new ApiResponses().addApiResponse("204",
                        new ApiResponse().description("No Content")));
            }
            return operation;
        };
    }
}
