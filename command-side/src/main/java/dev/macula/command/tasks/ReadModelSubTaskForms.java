package dev.macula.command.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.tasks.SubTaskId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@link SubTaskForms} from the {@code form_annotation} read model. That model is written inline, in
 * the transaction of each save, so the answer includes every save that committed before the check.
 */
@Component
class ReadModelSubTaskForms implements SubTaskForms {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    ReadModelSubTaskForms(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<InvalidForm> invalidForms(SubTaskId subTaskId) {
        return jdbc.query("""
                select id, form_schema_id, validation_errors::text as errors from form_annotation
                where sub_task_id = ? and valid = false and not inactive order by id""",
                (rs, row) -> {
                    try {
                        return new InvalidForm(rs.getLong("id"), rs.getLong("form_schema_id"),
                                JSON.readTree(rs.getString("errors")));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("unreadable validation errors of form " + rs.getLong("id"), e);
                    }
                }, subTaskId.value());
    }
}
