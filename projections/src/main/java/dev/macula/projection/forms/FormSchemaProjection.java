package dev.macula.projection.forms;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.NameKey;
import dev.macula.api.forms.FormSchemaMessages.FormSchemaCreatedEvent;
import dev.macula.projection.common.InlineReadModel;
import dev.macula.projection.common.Times;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** {@code form_schema}; inline, so a duplicate name is a 409. */
@Component
@ProcessingGroup(FormSchemaProjection.GROUP)
@InlineReadModel(tables = "form_schema")
class FormSchemaProjection {

    static final String GROUP = "forms";

    private final JdbcTemplate jdbc;

    FormSchemaProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(FormSchemaCreatedEvent event, @Timestamp Instant at) {
        try {
            jdbc.update("""
                    insert into form_schema (id, name, name_key, schema, entity_type, date_inserted)
                    values (?, ?, ?, ?::jsonb, ?, ?) on conflict (id) do nothing""",
                    event.formSchemaId().value(), event.name(), NameKey.of(event.name()),
                    event.schema() == null ? null : event.schema().toString(),
                    event.entityType() == null ? null : event.entityType().name(), Times.seconds(at));
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("A form schema named '" + event.name() + "' already exists");
        }
    }
}
