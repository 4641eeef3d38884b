package dev.macula.it;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.macula.projection.common.InlineReadModel;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every inline read-model table keeps its history (migration V18): a history table with all its
 * columns, the trigger that fills it, and the as-of view with exactly its columns, so as-of
 * answers cannot silently read a table or a column as it is now. A migration that adds a table or
 * a column calls {@code macula_track_history('t')} (docs/adding-a-feature.md).
 */
class ReadModelHistoryHttpTest extends HttpTestBase {

    private static TreeSet<String> inlineTables() {
        TreeSet<String> tables = new TreeSet<>();
        new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.macula.projection").stream()
                .filter(type -> type.isAnnotatedWith(InlineReadModel.class))
                .forEach(type -> tables.addAll(Arrays.asList(type.reflect().getAnnotation(InlineReadModel.class).tables())));
        return tables;
    }

    @Test
    void everyInlineTableHasAHistoryATriggerAndAnAsOfViewWithItsColumns() throws SQLException {
        admin(); // the platform has started and migrated its database
        TreeSet<String> tables = inlineTables();
        assertThat(tables).contains("tag_link", "segmentation", "form_annotation", "subtask");
        try (Connection c = DriverManager.getConnection(TestDatabase.url(), TestDatabase.USER, TestDatabase.PASSWORD)) {
            for (String table : tables) {
                List<String> live = columns(c, "public", table);
                List<String> history = columns(c, "public", table + "_history");
                assertThat(history).as(table + "_history").containsAll(live).contains("valid_from", "valid_to");
                assertThat(columns(c, "macula_asof", table)).as("macula_asof." + table).isEqualTo(live);
                try (PreparedStatement s = c.prepareStatement("""
                        select count(*) from pg_trigger
                        where tgrelid = ('public.' || ?)::regclass and tgname = ? and tgenabled = 'O'""")) {
                    s.setString(1, table);
                    s.setString(2, table + "_history");
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        assertThat(rs.getInt(1)).as("history trigger of " + table).isEqualTo(1);
                    }
                }
            }
            assertThat(viewCount(c)).as("no as-of view without a live table").isEqualTo(tables.size());
        }
    }

    private static List<String> columns(Connection c, String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select column_name from information_schema.columns
                where table_schema = ? and table_name = ? order by ordinal_position""")) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    private static int viewCount(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select count(*) from information_schema.views where table_schema = 'macula_asof'");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
