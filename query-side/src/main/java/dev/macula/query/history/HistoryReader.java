package dev.macula.query.history;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.springframework.beans.factory.annotation.Qualifier;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads rows of Axon's {@code domainevententry} with their global position. {@code EventStore.readEvents}
 * answers an aggregate's events without their position, and the tracking stream cannot filter, so
 * this reader selects the rows itself and passes them through the configured upcaster chain, as the
 * storage engine does, into {@link EventRow}s decoded by the configured event serializer. The
 * columns are Axon's default schema (V1 migration).
 */
@Component
class HistoryReader {

    private static final String COLUMNS = "select globalindex, type, aggregateidentifier, sequencenumber, eventidentifier,"
            + " timestamp, payloadtype, payloadrevision, payload, metadata from domainevententry ";

    /** Rows per round trip of a streamed read: large enough to keep the connection busy, small in memory. */
    private static final int FETCH_SIZE = 2000;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate streamingTransactions;
    private final Serializer serializer;
    private final EventUpcaster upcasters;
    private final Map<SerializedType, Class<?>> payloadClasses = new ConcurrentHashMap<>();

    HistoryReader(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer,
                  org.axonframework.config.Configuration axon, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(FETCH_SIZE);
        this.streamingTransactions = new TransactionTemplate(transactions);
        this.streamingTransactions.setReadOnly(true);
        this.serializer = serializer;
        this.upcasters = axon.upcasterChain();
    }

    /** One aggregate's events in sequence order (the unique (aggregateidentifier, sequencenumber) index). */
    List<EventRow> ofAggregate(String aggregateIdentifier) {
        return decode(jdbc.query(COLUMNS + "where aggregateidentifier = ? order by sequencenumber",
                HistoryReader::row, aggregateIdentifier).stream()).toList();
    }

    /**
     * Events matching {@code where} (a condition on the columns, with {@code args}) in position order,
     * at most {@code limit}.
     */
    List<EventRow> inPositionOrder(String where, List<Object> args, int limit) {
        Object[] all = new Object[args.size() + 1];
        args.toArray(all);
        all[args.size()] = limit;
        return decode(jdbc.query(COLUMNS + "where " + where + " order by globalindex limit ?", HistoryReader::row, all)
                .stream()).toList();
    }

    /**
     * Events matching {@code where} in position order (at most {@code limit}; {@link Long#MAX_VALUE}: all),
     * handed to {@code each} as they are read: the rows come through a server-side cursor
     * ({@link #FETCH_SIZE} at a time, which PostgreSQL only uses inside a transaction) and are decoded
     * lazily, so memory stays constant however many match.
     */
    void streamInPositionOrder(String where, List<Object> args, long limit, Consumer<EventRow> each) {
        String sql = COLUMNS + "where " + where + " order by globalindex" + (limit < Long.MAX_VALUE ? " limit " + limit : "");
        streamingTransactions.executeWithoutResult(status -> {
            PreparedStatementCreator binary = connection -> {
                PreparedStatement statement = connection.prepareStatement(sql);
                // PostgreSQL then sends the payload and metadata as bytes, not as hex text to decode (pgjdbc: a
                // negative threshold forces binary results for this statement only)
                statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
                new ArgumentPreparedStatementSetter(args.toArray()).setValues(statement);
                return statement;
            };
            try (Stream<Row> rows = streaming.queryForStream(binary, HistoryReader::row)) {
                decode(rows).forEach(each);
            }
        });
    }

    /**
     * Rows through the configured upcaster chain, as Axon's {@code EventUtils.upcastAndDeserializeTrackedEvents}
     * does, but kept as representations: the renderer decodes only what it shows.
     */
    private Stream<EventRow> decode(Stream<Row> rows) {
        return upcasters.upcast(rows.map(row -> new InitialEventRepresentation(row, serializer)))
                .map(stored -> new EventRow(
                        ((GlobalSequenceTrackingToken) stored.getTrackingToken().orElseThrow()).getGlobalIndex(),
                        stored, serializer, this::classForType));
    }

    /** Looking a class up by name is a tenth of an export line's work: once per stored type is enough. */
    private Class<?> classForType(SerializedType type) {
        return payloadClasses.computeIfAbsent(type, serializer::classForType);
    }

    /** By position in {@link #COLUMNS}: a lookup by name for each value of each row is work for nothing. */
    private static Row row(ResultSet rs, int rowNumber) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getBytes(9), rs.getBytes(10));
    }

    /** A stored row; its time is read with {@link StoredTimestamps} rather than Axon's formatter. */
    private static final class Row extends GenericDomainEventEntry<byte[]> implements TrackedEventData<byte[]> {

        private final TrackingToken position;
        private final String timestamp;

        Row(long position, String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
            String timestamp, String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, timestamp, payloadType, payloadRevision,
                    payload, metaData);
            this.position = new GlobalSequenceTrackingToken(position);
            this.timestamp = timestamp;
        }

        @Override
        public Instant getTimestamp() {
            return StoredTimestamps.parse(timestamp);
        }

        @Override
        public TrackingToken trackingToken() {
            return position;
        }
    }
}
