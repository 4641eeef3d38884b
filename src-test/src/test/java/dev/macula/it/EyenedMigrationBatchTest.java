package dev.macula.it;

import dev.macula.tools.migrate.MigrateCli;
import dev.macula.tools.migrate.fixture.EyenedFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration sends rows in batches, one database transaction each. A row the platform refuses halfway
 * through its command (here a study whose patient the original lost: the read model's foreign key fails
 * after the event was appended, which aborts the whole transaction) must not take its batch with it: the
 * batch is sent again row by row, its good rows land, the bad one is skipped with its reason, and
 * nothing of it is half-written.
 */
class EyenedMigrationBatchTest {

    private static final String MARIADB = System.getenv().getOrDefault("MACULA_TEST_MARIADB", "jdbc:mariadb://127.0.0.1:3306/");
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final int STUDIES = 150;
    private static final int ORPHAN = 42;

    private static EyenedFixture source;
    private static MigrationTarget target;

    @BeforeAll
    static void aSourceWithOneStudyWithoutItsPatient() throws Exception {
        source = EyenedFixture.create(MARIADB, "root", "", "eyened_batch_it_" + RUN); // the schema, no rows
        try (Connection db = source.connect(); Statement s = db.createStatement()) {
            s.execute("insert into Project (ProjectID, ProjectName, External) values (1, 'batches', 'N')");
            try (PreparedStatement patients = db.prepareStatement(
                    "insert into Patient (PatientID, PatientIdentifier, ProjectID) values (?, ?, 1)");
                 PreparedStatement studies = db.prepareStatement(
                         "insert into Study (StudyID, PatientID, StudyDate) values (?, ?, '2020-02-02')")) {
                for (int id = 1; id <= STUDIES; id++) {
                    patients.setInt(1, id);
                    patients.setString(2, "P-" + id);
                    patients.addBatch();
                    studies.setInt(1, id);
                    studies.setInt(2, id == ORPHAN ? 9999 : id);
                    studies.addBatch();
                }
                patients.executeBatch();
                s.execute("set foreign_key_checks = 0"); // the original's data is not always as its keys promise
                studies.executeBatch();
            }
        }
        target = MigrationTarget.create("macula_it_batch_" + RUN);
    }

    @AfterAll
    static void dropSource() {
        if (source != null) {
            source.drop();
        }
    }

    @Test
    void aRowRefusedInsideABatchIsSkippedWithItsReasonAndTheRestOfTheBatchLands() throws Exception {
        Run first = migrate();
        assertThat(first.result().status()).as(first.output()).isOne();
        assertThat(first.result().report().migrated("Patient")).isEqualTo(STUDIES);
        assertThat(first.result().report().migrated("Study")).as(first.output()).isEqualTo(STUDIES - 1);
        assertThat(first.output()).as("the reason, with the row").containsPattern(
                "(?s)skipped 1: [^\\n]*violates foreign key constraint.*\\(e\\.g\\. Study/" + ORPHAN + "\\)");
        assertThat(number("select count(*) from study")).isEqualTo(STUDIES - 1);
        assertThat(number("select count(*) from study where id in (" + (ORPHAN - 1) + ", " + (ORPHAN + 1) + ")"))
                .as("its neighbours in the same batch").isEqualTo(2);
        assertThat(number("select count(*) from domainevententry where aggregateidentifier = 'study:" + ORPHAN + "'"))
                .as("nothing of the refused row is written").isZero();
        assertThat(number("select count(*) from study_history where id = " + ORPHAN)).isZero();

        // a run that lost its progress reads every row again: the batches find their rows made, except the bad one
        long events = number("select count(*) from domainevententry");
        try (Connection db = target.connect(); Statement s = db.createStatement()) {
            s.execute("delete from eyened_migration_progress");
        }
        Run again = migrate();
        assertThat(again.output()).as("read, migrated, earlier, skipped").containsPattern(
                "Study\\s+" + STUDIES + "\\s+0\\s+" + (STUDIES - 1) + "\\s+1\\s");
        assertThat(again.output()).containsPattern("(?s)skipped 1: [^\\n]*violates.*\\(e\\.g\\. Study/" + ORPHAN + "\\)");
        assertThat(number("select count(*) from domainevententry")).as("nothing is sent twice").isEqualTo(events);
    }

    private static Run migrate() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        MigrateCli.Result result;
        try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            result = MigrateCli.run(source.jdbcUrl(), "root", "", out, target.asProperties());
        }
        return new Run(result, text.toString(StandardCharsets.UTF_8));
    }

    private record Run(MigrateCli.Result result, String output) {
    }

    private static long number(String sql) throws Exception {
        try (Connection db = target.connect(); Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
