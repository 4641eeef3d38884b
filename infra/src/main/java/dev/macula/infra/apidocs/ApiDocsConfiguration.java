package dev.macula.infra.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
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

    @Bean
    OpenAPI maculaOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Macula API").version("0.1.0").description("""
                        Wire-compatible with the Eyened API (contract in shared/spec), plus Macula's additions \
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
}
