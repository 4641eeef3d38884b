package dev.macula.command.common;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Hands out the integer ids the API speaks, from one PostgreSQL sequence per entity type, before
 * the creating command is sent (design notes §3). Gaps after a rejected command are harmless.
 */
@Component
public class IdAllocator {

    private static final Set<String> SEQUENCED = Set.of("user", "tag", "project", "patient", "study", "series", "instance", "device", "feature", "segmentation", "model", "model_segmentation", "task", "task_definition", "subtask", "form_schema", "form_annotation",
            "device_instance");

    private final JdbcTemplate jdbc;

    public IdAllocator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long next(String entityType) {
        if (!SEQUENCED.contains(entityType)) {
            throw new IllegalArgumentException("no id sequence for " + entityType);
        }
        return jdbc.queryForObject("select nextval('" + entityType + "_id_seq')", Long.class);
    }
}
