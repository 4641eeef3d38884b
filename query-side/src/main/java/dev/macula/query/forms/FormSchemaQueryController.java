package dev.macula.query.forms;

import dev.macula.api.common.ApiException;
import dev.macula.api.forms.FormSchemaId;
import dev.macula.api.forms.FormSchemaMessages.FindFormSchemaQuery;
import dev.macula.api.forms.FormSchemaMessages.FindFormSchemasQuery;
import dev.macula.query.forms.FormSchemaQueryHandler.FormSchemaView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /api/form-schemas} (by name) and {@code GET /api/form-schemas/{id}} (docs/api.md §3.6). */
@RestController
class FormSchemaQueryController {

    private final QueryGateway queries;

    FormSchemaQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/form-schemas")
    List<FormSchemaView> schemas() {
        return queries.query(new FindFormSchemasQuery(), ResponseTypes.multipleInstancesOf(FormSchemaView.class)).join();
    }

    @GetMapping("/api/form-schemas/{form_schema_id}")
    FormSchemaView schema(@PathVariable("form_schema_id") long id) {
        FormSchemaView view = id <= 0 ? null : queries.query(new FindFormSchemaQuery(FormSchemaId.of(id)),
                ResponseTypes.instanceOf(FormSchemaView.class)).join();
        if (view == null) {
            throw ApiException.notFound("FormSchema not found");
        }
        return view;
    }
}
