package dev.macula.projection.forms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.forms.FormValidation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * A form annotation's validity in the read model, computed from its stored data and its schema's
 * document (both read models, same transaction as the event). Rows written before validity existed
 * (migration V15 leaves them null) are filled once at start-up from the same inputs — derived
 * state, so that is what a replay would produce.
 */
@Component
class FormValidity {

    private static final Logger log = LoggerFactory.getLogger(FormValidity.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    FormValidity(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void revalidate(long formAnnotationId) {
        update(formAnnotationId, "");
    }

    /** Only rows still unknown: a projection that wrote meanwhile knows better (it sets non-null). */
    @EventListener(ApplicationReadyEvent.class)
    void backfill() {
        List<Long> unknown = jdbc.queryForList("select id from form_annotation where valid is null order by id", Long.class);
        unknown.forEach(id -> update(id, " and valid is null"));
        if (!unknown.isEmpty()) {
            log.info("Validity of {} form annotations computed", unknown.size());
        }
    }

    private void update(long id, String guard) {
        for (var row : jdbc.queryForList("""
                select f.form_data::text as data, s.schema::text as schema from form_annotation f
                left join form_schema s on s.id = f.form_schema_id where f.id = ?""", id)) {
            FormValidation.Result result = FormValidation.validate(json((String) row.get("schema")),
                    json((String) row.get("data")));
            jdbc.update("update form_annotation set valid = ?, validation_errors = ?::jsonb where id = ?" + guard,
                    result.valid(), text(result.errors()), id);
        }
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON in the read model", e);
        }
    }

    private static String text(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
