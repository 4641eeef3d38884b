package dev.macula.infra.axon;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Aggregates are read in one query now (AxonSetup.WithoutSnapshots stops at the first batch that is
 * not full instead of asking once more for an empty one). Against a real PostgreSQL, on a database of
 * its own: streams shorter than, exactly as long as, and longer than one batch come back whole and in
 * order, also from a sequence number in the middle, and the events of another aggregate never mix in.
 */
class AggregateEventReadsTest {

    private static final String SERVER = System.getenv().getOrDefault("MACULA_TEST_PG_SERVER", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getenv().getOrDefault("MACULA_DB_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("MACULA_DB_PASSWORD", "");
    private static final String DATABASE = "macula_axon_reads_" + System.currentTimeMillis();

    private static JdbcEventStorageEngine engine;

    @BeforeAll
    static void freshEventStore() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
             Statement statement = admin.createStatement()) {
            statement.execute("create database " + DATABASE);
        }
        String url = SERVER + DATABASE;
        PersistenceExceptionResolver duplicates = new JdbcSQLErrorCodesResolver();
        engine = new AxonSetup.WithoutSnapshots(JdbcEventStorageEngine.builder()
                .connectionProvider(() -> DriverManager.getConnection(url, USER, PASSWORD))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .persistenceExceptionResolver(duplicates)
                .batchSize(AxonSetup.EVENT_READ_BATCH));
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
    }

    @AfterAll
    static void dropEventStore() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
             Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
        }
    }

    @Test
    void streamsAroundTheBatchSizeComeBackWhole() {
        int batch = AxonSetup.EVENT_READ_BATCH;
        int[] lengths = {1, batch - 1, batch, batch + 1, 2 * batch, 2 * batch + 7};
        for (int length : lengths) {
            append("other-" + length, 3); // interleaved neighbours must never leak into a read
            append("stream-" + length, length);
        }
        for (int length : lengths) {
            assertThat(sequenceNumbers("stream-" + length, 0)).as("stream of %d events", length)
                    .containsExactlyElementsOf(LongStream.range(0, length).boxed().toList());
            long middle = length / 2;
            assertThat(sequenceNumbers("stream-" + length, middle)).as("stream of %d events from %d", length, middle)
                    .containsExactlyElementsOf(LongStream.range(middle, length).boxed().toList());
        }
        assertThat(sequenceNumbers("never-written", 0)).isEmpty();
    }

    private static void append(String aggregate, int events) {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            messages.add(new GenericDomainEventMessage<>("TestAggregate", aggregate, i, "event " + i));
        }
        for (int from = 0; from < messages.size(); from += 500) {
            engine.appendEvents(messages.subList(from, Math.min(messages.size(), from + 500)));
        }
    }

    private static List<Long> sequenceNumbers(String aggregate, long from) {
        return engine.readEvents(aggregate, from).asStream().map(DomainEventMessage::getSequenceNumber).toList();
    }
}
