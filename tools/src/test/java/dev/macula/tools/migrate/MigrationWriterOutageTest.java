package dev.macula.tools.migrate;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The target database gone (nothing listens on its port): a batch cannot even begin, and hands its rows
 * back to be sent one by one; sent one by one, the first database call stops the migration (a rerun
 * resumes) instead of reporting every following row as skipped.
 */
class MigrationWriterOutageTest {

    private static final DriverManagerDataSource GONE =
            new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/gone?connectTimeout=2", "postgres", "");

    private final MigrationWriter writer = new MigrationWriter(null, new JdbcTemplate(GONE),
            new DataSourceTransactionManager(GONE), "eyened");

    @Test
    void aBatchThatCannotBeginHandsItsRowsBack() {
        List<String> migrated = new ArrayList<>();
        List<MigrationWriter.Outcome> outcomes = writer.together(List.of("Tag/1", "Tag/2"), List.of("tag:1", "tag:2"),
                row -> {
                    migrated.add(row);
                    return MigrationWriter.Outcome.MIGRATED;
                });
        assertThat(outcomes).as("rolled back: the caller sends the rows again one by one").isNull();
        assertThat(migrated).isEmpty();
    }

    @Test
    void aloneTheFirstDatabaseCallStopsTheMigration() {
        assertThatThrownBy(() -> writer.exists("tag:1")).isInstanceOf(MigrationStopped.class)
                .hasMessageStartingWith("the target database is unreachable");
    }
}
