package dev.macula.infra.apidocs;

import io.swagger.v3.oas.models.OpenAPI;
import org.springdoc.core.customizers.OpenApiCustomizer;

class OperationSchemas implements OpenApiCustomizer {
    @Override
    public void customise(OpenAPI openApi) {
    }
}
