package dev.macula.infra.axon;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Aggregates kept in memory between commands, each checked against the event store before it is used
 * (the {@code cache} of every {@code @Aggregate}: {@link dev.macula.command.common.AggregateCaching}).
 *
 * <p>Without it, every command replays its aggregate's whole stream: one query, then every event
 * deserialised and applied. A segmentation saved a thousand times replays a thousand events before its
 * next save. Axon's caching repository skips the replay but trusts its memory, which goes wrong as soon
 * as anything else appends to the stream: a second node, the Eyened migration, a rollback. The command
 * would then be judged against a state that is no longer true.
 *
 * <p>So a hit is first checked: one indexed query for the stream's last sequence number, on the
 * command's own connection and inside its transaction. That is the single round trip the replay needed,
 * but it returns a number instead of the stream. When the number is the cached aggregate's version, the
 * aggregate is current and used as it is. Otherwise the entry is dropped and Axon replays the stream.
 *
 * <p>Axon keeps the rest of the contract (CachingEventSourcingRepository):
 * <ul>
 *   <li>an entry is put when a command's changes are about to commit, and removed again if its unit of
 *       work rolls back, so a command that failed after applying events leaves no trace here;</li>
 *   <li>the repository's lock lets one command at a time work on an aggregate on this node.</li>
 * </ul>
 * Two nodes racing on one aggregate still meet at the event table's unique key, as they did without
 * the cache: the loser's command fails and nothing of it is stored.
 */
public final class StoreCheckedAggregateCache implements Cache {

    private static final String LAST_SEQUENCE =
            "select max(sequencenumber) from domainevententry where aggregateidentifier = ?";

    /** A cached aggregate with the sequence number of its last event when it was put. */
    private record Entry(Object value, long version) {
    }

    private final com.github.benmanes.caffeine.cache.Cache<Object, Entry> entries;
    private final JdbcTemplate jdbc;
    private final Counter hits;
    private final Counter stale;
    private final Counter misses;

    /** At most {@code size} aggregates, the least recently used dropped first. */
    public StoreCheckedAggregateCache(JdbcTemplate jdbc, MeterRegistry registry, int size) {
        this.entries = Caffeine.newBuilder().maximumSize(size).build();
        this.jdbc = jdbc;
        this.hits = loads(registry, "hit");
        this.stale = loads(registry, "stale");
        this.misses = loads(registry, "miss");
    }

    private static Counter loads(MeterRegistry registry, String outcome) {
        return Counter.builder("macula.aggregate.cache.loads")
                .description("Aggregate loads by cache outcome: hit (current), stale (the store had moved on), miss")
                .tag("outcome", outcome).register(registry);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Entry entry = entries.getIfPresent(key);
        if (entry == null) {
            misses.increment();
            return null;
        }
        Long last = jdbc.queryForObject(LAST_SEQUENCE, Long.class, key.toString());
        if (last == null || last != entry.version()) {
            entries.asMap().remove(key, entry);
            stale.increment();
            return null;
        }
        hits.increment();
        return (V) entry.value();
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, new Entry(value, versionOf(value)));
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.asMap().putIfAbsent(key, new Entry(value, versionOf(value))) == null;
    }

    @Override
    public boolean remove(Object key) {
        return entries.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.getIfPresent(key) != null;
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("nobody listens to the aggregate cache");
    }

    /**
     * The sequence number of the last event the cached aggregate has applied. An entry made in this JVM
     * hands back the very aggregate it was made from, so no argument is needed to recreate it (entries
     * here are never serialised).
     */
    private static long versionOf(Object value) {
        if (!(value instanceof AggregateCacheEntry<?> entry)) {
            throw new IllegalArgumentException("only aggregates are cached here, not " + value.getClass().getName());
        }
        Long version = entry.recreateAggregate(null, null, null, null).version();
        return version == null ? -1 : version;
    }
}
