package dev.macula.query.history;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads rows of Axon's {@code domainevententry} with their global position. {@code EventStore.readEvents}
 * answers an aggregate's events without their position, and the tracking stream cannot filter, so
 * this reader selects the rows itself and hands them to Axon's own decoding
 * ({@link EventUtils#upcastAndDeserializeTrackedEvents}, with the configured event serializer and
 * upcaster chain — exactly what the storage engine does). Each message's tracking token carries its
 * position. The columns are Axon's default schema (V1 migration).
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
    List<Located> ofAggregate(String aggregateIdentifier) {
        return decode(jdbc.query(COLUMNS + "where aggregateidentifier = ? order by sequencenumber",
                HistoryReader::row, aggregateIdentifier));
    }

    /**
     * Events matching {@code where} (a condition on the columns, with {@code args}) in position order,
     * at most {@code limit}.
     */
    List<Located> inPositionOrder(String where, List<Object> args, int limit) {
        Object[] all = new Object[args.size() + 1];
        args.toArray(all);
        all[args.size()] = limit;
        return decode(jdbc.query(COLUMNS + "where " + where + " order by globalindex limit ?", HistoryReader::row, all));
    }

    /**
     * Events matching {@code where} in position order (at most {@code limit}; {@link Long#MAX_VALUE}: all), handed to {@code each} as they are read: the
     * rows come through a server-side cursor ({@link #FETCH_SIZE} at a time, which PostgreSQL only
     * uses inside a transaction) and are decoded lazily, so memory stays constant however many match.
     */
    void streamInPositionOrder(String where, List<Object> args, long limit, Consumer<Located> each) {
        String sql = COLUMNS + "where " + where + " order by globalindex" + (limit < Long.MAX_VALUE ? " limit " + limit : "");
        streamingTransactions.executeWithoutResult(status -> {
            try (Stream<TrackedDomainEventData<byte[]>> rows = streaming.queryForStream(sql, HistoryReader::row,
                    args.toArray())) {
                EventUtils.upcastAndDeserializeTrackedEvents(rows, serializer, upcasters)
                        .map(HistoryReader::located).forEach(each);
            }
        });
    }

    private List<Located> decode(List<TrackedDomainEventData<byte[]>> rows) {
        return EventUtils.upcastAndDeserializeTrackedEvents(rows.stream(), serializer, upcasters)
                .map(HistoryReader::located).toList();
    }

    private static Located located(TrackedEventMessage<?> message) {
        long position = ((GlobalSequenceTrackingToken) message.trackingToken()).getGlobalIndex();
        return new Located(position, (DomainEventMessage<?>) message);
    }

    private static TrackedDomainEventData<byte[]> row(ResultSet rs, int rowNumber) throws SQLException {
        return new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(rs.getLong("globalindex")),
                new GenericDomainEventEntry<>(rs.getString("type"), rs.getString("aggregateidentifier"),
                        rs.getLong("sequencenumber"), rs.getString("eventidentifier"), rs.getString("timestamp"),
                        rs.getString("payloadtype"), rs.getString("payloadrevision"), rs.getBytes("payload"),
                        rs.getBytes("metadata")));
    }

    /** A decoded event and its global position. */
    record Located(long position, DomainEventMessage<?> event) {
    }
}
