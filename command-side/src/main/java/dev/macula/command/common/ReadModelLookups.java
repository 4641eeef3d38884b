package dev.macula.command.common;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Optional;

/**
 * Base of each feature's {@code …Lookups}: the one place the command side reads read models. A
 * lookup only gives an early, friendly answer (a 404 or 422 before the command is sent); the read
 * models' keys and the aggregates stay the real guard. The ArchitectureTest allows JdbcTemplate in
 * the command side only here, in the Lookups classes and in {@link IdAllocator}.
 */
public abstract class ReadModelLookups {

    protected final JdbcTemplate jdbc;

    protected ReadModelLookups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the read model has a row with this id; never for ids below 1, which no typed id accepts. */
    public boolean exists(ReadModel model, long id) {
        return id > 0 && Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from " + model.table + " where id = ?)", Boolean.class, id));
    }

    /** The first column of the first row, if any. */
    protected <T> Optional<T> first(Class<T> type, String sql, Object... args) {
        return jdbc.queryForList(sql, type, args).stream().findFirst();
    }
}
