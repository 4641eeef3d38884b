package dev.macula.infra.operations;

import dev.macula.projection.search.DocumentIndexProjection;
import dev.macula.projection.search.SearchProjections;
import dev.macula.projection.search.SearchProjections.Definition;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * One blue/green rebuild of a search index: a new index version is filled by a separate processing
 * group that reads the event store from its start, while the live processor keeps the current
 * version (behind the alias) up to date and every search keeps using it. When the new group has
 * caught up, the alias moves to the new version in one atomic step; the new group then finishes
 * the events up to the head seen after the swap (so nothing handled by the live processor before
 * the swap is missing), and it, its tokens and the old version are removed.
 */
final class SearchIndexRebuild implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexRebuild.class);
    static final int BATCH_SIZE = Integer.getInteger("macula.rebuild.batch", 1_000);
    private static final String WAKE_KEY = SearchIndexRebuild.class.getName() + ".coordinatorWoken";

    private final Definition definition;
    private final SearchProjections search;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final JdbcTemplate jdbc;
    private final LongSupplier head;
    private final RebuildLock lock;
    private final String cause;
    private final Instant startedAt = Instant.now();

    private volatile String state = "preparing";
    private volatile String previousIndex;
    private volatile String targetIndex;
    private volatile String processorName;
    private volatile long startPosition = -1;
    private volatile long position = -1;
    private volatile long headAtCheck;
    private volatile double eventsPerSecond;
    private volatile Double etaSeconds;
    private volatile String error;
    private volatile Instant finishedAt;

    SearchIndexRebuild(Definition definition, SearchProjections search, EventStore eventStore, TokenStore tokenStore,
                       TransactionManager transactions, JdbcTemplate jdbc, LongSupplier head, RebuildLock lock,
                       String cause) {
        this.definition = definition;
        this.search = search;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.head = head;
        this.lock = lock;
        this.cause = cause;
    }

    /** When a failed rebuild ended; null while running or after success. */
    Instant failedAt() {
        return "failed".equals(state) ? finishedAt : null;
    }

    boolean finished() {
        return finishedAt != null;
    }

    @Override
    public void run() {
        PooledStreamingEventProcessor processor = null;
        DocumentIndexProjection handler = null;
        WakeableScheduler coordinator = new WakeableScheduler("rebuild-coordinator-" + definition.group());
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(1,
                Thread.ofPlatform().name("rebuild-worker-" + definition.group()).daemon().factory());
        try {
            previousIndex = search.currentIndex(definition);
            for (String orphan : search.orphanVersions(definition)) {
                search.deleteIndex(orphan); // left by an interrupted rebuild
            }
            jdbc.update("delete from tokenentry where processorname like ?", definition.group() + "@%");
            targetIndex = search.createNextVersion(definition);
            processorName = definition.group() + "@" + targetIndex.substring(targetIndex.lastIndexOf("-v") + 1);
            handler = search.handlerWritingTo(definition, targetIndex);
            processor = PooledStreamingEventProcessor.builder()
                    .name(processorName)
                    .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                            .eventHandlers(handler).build())
                    .messageSource(eventStore)
                    .tokenStore(tokenStore)
                    .transactionManager(transactions)
                    .coordinatorExecutor(coordinator)
                    .workerExecutor(workers)
                    .initialSegmentCount(1)
                    .batchSize(BATCH_SIZE)
                    .initialToken(StreamableMessageSource::createTailToken)
                    .build();
            processor.registerHandlerInterceptor((unitOfWork, chain) -> {
                // the worker has just taken the queued events: let the coordinator read the next ones now
                unitOfWork.root().getOrComputeResource(WAKE_KEY, key -> {
                    coordinator.wake();
                    return Boolean.TRUE;
                });
                return chain.proceed();
            });
            // the replay starts before the store's first event: counting from there (rather than from
            // the first position the progress poll happens to see) shows the events done also when a
            // small store is replayed before the first poll
            startPosition = jdbc.queryForObject("select coalesce(min(globalindex), 0) - 1 from domainevententry",
                    Long.class);
            processor.start();
            state = "replaying";
            log.info("Rebuilding {} into {} (processor {})", definition.group(), targetIndex, processorName);
            waitUntilCaughtUp(processor, head.getAsLong(), true);
            state = "swapping";
            handler.flush(); // writes run one batch behind the token: all of them in before the alias moves
            search.swap(definition, previousIndex, targetIndex);
            long headAfterSwap = head.getAsLong();
            state = "finishing";
            waitUntilCaughtUp(processor, headAfterSwap, false);
            processor.shutDown();
            processor = null;
            handler.flush();
            jdbc.update("delete from tokenentry where processorname = ?", processorName);
            if (previousIndex != null) {
                search.deleteIndex(previousIndex);
            }
            state = "completed";
            log.info("Rebuilt {}: alias now on {}", definition.group(), targetIndex);
        } catch (Exception e) {
            state = "failed";
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.warn("Rebuild of {} failed; the alias stays on {}", definition.group(), previousIndex, e);
            if (processor != null) {
                processor.shutDown();
            }
            settleWrites(handler);
            cleanUpAfterFailure();
        } finally {
            coordinator.shutdownNow();
            workers.shutdownNow();
            lock.close();
            finishedAt = Instant.now();
        }
    }

    /** A failed rebuild's last write must not land after its index is deleted (it would create it again). */
    private static void settleWrites(DocumentIndexProjection handler) {
        if (handler == null) {
            return;
        }
        try {
            handler.flush();
        } catch (RuntimeException e) {
            log.debug("Last write of a failed rebuild failed too", e);
        }
    }

    /** Polls the new group until it reaches {@code target}; with {@code chase}, keeps chasing a moving head. */
    private void waitUntilCaughtUp(PooledStreamingEventProcessor processor, long target, boolean chase)
            throws InterruptedException {
        long goal = target;
        Instant lastTime = Instant.now();
        long lastPosition = -1;
        while (true) {
            Thread.sleep(200);
            long current = currentPosition(processor);
            if (current >= 0 && startPosition < 0) {
                startPosition = current;
            }
            position = current;
            Instant now = Instant.now();
            double seconds = Duration.between(lastTime, now).toMillis() / 1000.0;
            if (lastPosition >= 0 && seconds >= 1.0) {
                eventsPerSecond = (current - lastPosition) / seconds;
                lastTime = now;
                lastPosition = current;
            } else if (lastPosition < 0 && current >= 0) {
                lastPosition = current;
                lastTime = now;
            }
            if (chase) {
                goal = head.getAsLong();
            }
            headAtCheck = goal;
            etaSeconds = eventsPerSecond > 0 ? Math.max(0, goal - current) / eventsPerSecond : null;
            if (processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState)) {
                // the pooled processor retries with back-off; report the error while it does
                error = processor.processingStatus().values().stream().filter(EventTrackerStatus::isErrorState)
                        .map(s -> String.valueOf(s.getError())).findFirst().orElse(null);
            } else {
                error = null;
            }
            if (current >= goal) {
                return;
            }
        }
    }

    private static long currentPosition(PooledStreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(java.util.OptionalLong::isPresent)
                .mapToLong(java.util.OptionalLong::getAsLong).min().orElse(-1);
    }

    private void cleanUpAfterFailure() {
        try {
            if (processorName != null) {
                jdbc.update("delete from tokenentry where processorname = ?", processorName);
            }
            String current = search.currentIndex(definition);
            if (targetIndex != null && !targetIndex.equals(current)) {
                search.deleteIndex(targetIndex);
            }
        } catch (Exception e) {
            log.warn("Could not clean up after the failed rebuild of {}", definition.group(), e);
        }
    }

    /** The progress as shown by the admin API and {@code ./macula rebuild}. */
    Map<String, Object> progress() {
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("state", state);
        progress.put("cause", cause);
        progress.put("processor", processorName);
        progress.put("previous_index", previousIndex);
        progress.put("target_index", targetIndex);
        progress.put("position", position);
        progress.put("head", headAtCheck);
        progress.put("events_done", startPosition < 0 || position < 0 ? 0 : position - Math.max(0, startPosition));
        progress.put("events_per_second", Math.round(eventsPerSecond));
        progress.put("eta_seconds", etaSeconds == null ? null : Math.round(etaSeconds));
        progress.put("started_at", startedAt.toString());
        progress.put("finished_at", finishedAt == null ? null : finishedAt.toString());
        progress.put("error", error);
        if (targetIndex != null) {
            progress.put("writer", search.writeStats(targetIndex));
        }
        return progress;
    }
}
