package dev.macula.command.common;

/**
 * Every aggregate names this cache in its {@code @Aggregate}: aggregates stay in memory between commands
 * and are checked against the event store before each use (infra's StoreCheckedAggregateCache, which
 * says why a plain cache would not do).
 */
public final class AggregateCaching {

    /** The bean name of the aggregate cache. */
    public static final String CACHE = "aggregateCache";

    private AggregateCaching() {
    }
}
