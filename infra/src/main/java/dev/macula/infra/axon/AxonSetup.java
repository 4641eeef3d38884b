package dev.macula.infra.axon;

import dev.macula.api.common.MessageMetadata;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What Axon needs beyond its Spring Boot defaults. */
@Configuration
public class AxonSetup {

    /** Events per event-store read (Axon's default is 100). */
    static final int EVENT_READ_BATCH = 1_000;

    /**
     * Axon's JDBC engine as Spring Boot would build it, but reading 1,000 events per query instead of
     * 100: a processor far behind the head (a rebuild from the start, catching up after an outage)
     * gets its events in ten times fewer queries.
     */
    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager) {
        return new WithoutSnapshots(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(EventSchema.builder().build()) // Axon's default table and column names (V1 migration)
                .batchSize(EVENT_READ_BATCH));
    }

    /**
     * Axon's JDBC engine with one query per aggregate load instead of three. No aggregate of Macula
     * is snapshotted (their streams stay short: docs/architecture.md), yet Axon asks the snapshot
     * table before every aggregate load: one query per command for nothing. Storing a snapshot fails
     * loudly, so whoever adds a snapshot trigger also turns reading back on. And it reads the events
     * until an empty batch, one more query per load (below).
     */
    static final class WithoutSnapshots extends JdbcEventStorageEngine {

        WithoutSnapshots(JdbcEventStorageEngine.Builder builder) {
            super(builder);
        }

        /**
         * Axon's JDBC engine reads an aggregate's events in batches until one comes back empty: every
         * aggregate load was two queries, the second always empty (one per command). A batch is the
         * sequence range {@code [first, first + batch size)}, and an aggregate's sequence numbers have
         * no gaps here (events are only ever appended, each at the previous number plus one, under the
         * unique key), so a batch with fewer events than the range holds is the last one.
         */
        @Override
        protected boolean fetchForAggregateUntilEmpty() {
            return false;
        }

        @Override
        protected java.util.stream.Stream<? extends org.axonframework.eventhandling.DomainEventData<?>> readSnapshotData(
                String aggregateIdentifier) {
            return java.util.stream.Stream.empty();
        }

        @Override
        protected void storeSnapshot(org.axonframework.eventhandling.DomainEventMessage<?> snapshot,
                                     Serializer serializer) {
            throw new IllegalStateException("Snapshots are not read (AxonSetup.WithoutSnapshots): enable reading them first");
        }
    }

    /**
     * The cache every aggregate names (AggregateCaching): kept between commands, checked against the
     * store. {@code MACULA_AGGREGATE_CACHE_SIZE=0} turns it off (every command replays its aggregate),
     * for comparisons.
     */
    @Bean(dev.macula.command.common.AggregateCaching.CACHE)
    public org.axonframework.common.caching.Cache aggregateCache(
            org.springframework.jdbc.core.JdbcTemplate jdbc, io.micrometer.core.instrument.MeterRegistry registry,
            @org.springframework.beans.factory.annotation.Value("${macula.aggregate-cache-size:10000}") int size) {
        return size <= 0 ? org.axonframework.common.caching.NoCache.INSTANCE
                : new StoreCheckedAggregateCache(jdbc, registry, size);
    }

    /**
     * Axon's query bus as its Spring Boot auto-configuration builds it, but without a transaction
     * around every query. Queries only read, and at READ COMMITTED each statement sees its own
     * snapshot whether or not a transaction surrounds it, so the transaction bought nothing; it cost
     * a connection checkout with its own COMMIT round trip per query — three per tag attach (the
     * caller, the tag, the answer) and one per search, besides the reads themselves. Reads that do
     * need one transaction still get it from whoever runs the query: an as-of read
     * (ReadModelTimeTravel) and a streamed history read (HistoryReader) open their own, which the
     * handler's JdbcTemplate joins on the same thread.
     */
    @Bean
    public org.axonframework.queryhandling.SimpleQueryBus queryBus(org.axonframework.config.Configuration axon) {
        return org.axonframework.queryhandling.SimpleQueryBus.builder()
                .messageMonitor(axon.messageMonitor(org.axonframework.queryhandling.QueryBus.class, "queryBus"))
                .errorHandler(axon.getComponent(org.axonframework.queryhandling.QueryInvocationErrorHandler.class,
                        () -> org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(axon.getComponent(org.axonframework.queryhandling.QueryUpdateEmitter.class))
                .spanFactory(axon.getComponent(org.axonframework.queryhandling.QueryBusSpanFactory.class))
                .build();
    }

    /**
     * How often a pooled processor looks for unclaimed segments (Axon's default: 5 s). A dead node's
     * claims expire after the claim timeout (10 s); looking every second lets a survivor take them
     * over within about 11 s instead of up to 15 s, for one small token-table query per second.
     */
    static final long TOKEN_CLAIM_INTERVAL_MS = 1_000;

    /** Pooled processors share their segments between the live nodes (ClusterMembership). */
    @Bean
    public ConfigurerModule shareSegmentsBetweenNodes(ClusterMembership membership) {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                (configuration, builder) -> builder.maxSegmentProvider(membership)
                        .tokenClaimInterval(TOKEN_CLAIM_INTERVAL_MS));
    }

    /**
     * Events inherit the acting user and the request id from the command that caused them, and the
     * revert, rollback or migration they belong to.
     */
    @Bean
    public CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(MessageMetadata.ACTOR_ID, MessageMetadata.ACTOR_NAME,
                MessageMetadata.REQUEST_ID, MessageMetadata.REVERTED_TO, MessageMetadata.REVERTED_TO_VERSION,
                MessageMetadata.ROLLBACK, MessageMetadata.MIGRATED_FROM);
    }

    @Bean
    public CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    /** The projections annotated {@code @InlineReadModel}. */
    @Bean
    public InlineReadModels inlineReadModels(ListableBeanFactory beans) {
        return InlineReadModels.of(beans);
    }

    /**
     * Read models run in subscribing processors, inside the command's transaction (read-your-writes).
     * A handler that fails (say, a unique name key) must fail the command, not be logged and skipped:
     * propagate, so the unit of work rolls back the events with it. The pooled groups (search indexes,
     * thumbnails) are configured in application.yml.
     */
    @Bean
    public ConfigurerModule inlineReadModelsRunInTheCommandsTransaction(InlineReadModels readModels) {
        return configurer -> readModels.groups().forEach(group -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(group)
                .registerListenerInvocationErrorHandler(group, c -> PropagatingErrorHandler.instance()));
    }
}
