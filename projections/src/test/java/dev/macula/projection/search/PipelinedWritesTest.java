package dev.macula.projection.search;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelinedWritesTest {

    /** A write that renders at once and sends with {@code send}. */
    private static PipelinedWrites.Write sending(Consumer<List<Long>> send) {
        return ids -> {
            List<Long> rendered = List.copyOf(ids);
            return () -> send.accept(rendered);
        };
    }

    @Test
    void chunksAreSentInBatchOrderOneAtATimeAndFlushWaitsForTheLast() {
        List<List<Long>> sent = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        PipelinedWrites writes = new PipelinedWrites(sending(ids -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(20);
            sent.add(ids);
            running.decrementAndGet();
        }), new LongAdder(), 1_000, 2);

        for (long batch = 0; batch < 5; batch++) {
            writes.submit(Set.of(batch));
        }
        writes.flush();

        assertThat(sent.stream().flatMap(List::stream).toList()).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(sent).allMatch(chunk -> chunk.size() <= 2);
        assertThat(mostAtOnce.get()).isEqualTo(1);
    }

    @Test
    void submitReturnsBeforeTheWriteIsDone() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        PipelinedWrites writes = new PipelinedWrites(sending(ids -> {
            await(release);
            done.countDown();
        }));

        writes.submit(Set.of(1L)); // would block here if the write were synchronous

        assertThat(done.getCount()).isEqualTo(1);
        release.countDown();
        writes.flush();
        assertThat(done.await(1, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theNextChunkIsRenderedWhileTheOneBeforeIsSent() throws Exception {
        CountDownLatch secondRendered = new CountDownLatch(1);
        List<String> steps = new CopyOnWriteArrayList<>();
        PipelinedWrites writes = new PipelinedWrites(ids -> {
            steps.add("render " + ids);
            if (ids.contains(2L)) {
                secondRendered.countDown();
            }
            return () -> {
                if (ids.contains(1L)) {
                    await(secondRendered); // sending chunk 1 ends only once chunk 2 is rendered
                }
                steps.add("send " + ids);
            };
        }, new LongAdder(), 1_000, 1);

        writes.submit(ids(1L, 2L));
        writes.flush();

        assertThat(steps).containsExactly("render [1]", "render [2]", "send [1]", "send [2]");
    }

    @Test
    void documentsOfBatchesHandledMeanwhileGoOutTogetherAndOnce() {
        CountDownLatch release = new CountDownLatch(1);
        List<List<Long>> sent = new CopyOnWriteArrayList<>();
        PipelinedWrites writes = new PipelinedWrites(sending(ids -> {
            if (ids.contains(1L)) {
                await(release);
            }
            sent.add(ids);
        }));

        writes.submit(Set.of(1L));
        sleep(50); // the writer has taken document 1
        writes.submit(ids(2L, 3L));
        writes.submit(ids(3L, 4L)); // touched again while waiting: rendered once, from the newer snapshot
        release.countDown();
        writes.flush();

        assertThat(sent).containsExactly(List.of(1L), List.of(2L, 3L, 4L));
    }

    @Test
    void aBatchWaitsForTheWriterWhenTooManyDocumentsAreWaiting() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LongAdder waited = new LongAdder();
        PipelinedWrites writes = new PipelinedWrites(sending(ids -> await(release)), waited, 2, 1);
        writes.submit(Set.of(1L));
        sleep(50); // 1 is being sent, 2 will be rendered and wait for it
        writes.submit(ids(2L, 3L, 4L));

        Thread late = Thread.ofVirtual().start(() -> writes.submit(Set.of(5L)));
        late.join(200);
        assertThat(late.isAlive()).as("the batch waits for room").isTrue();
        release.countDown();
        late.join(2_000);
        assertThat(late.isAlive()).isFalse();
        writes.flush();
        assertThat(waited.sum()).isGreaterThanOrEqualTo(100_000_000L);
    }

    @Test
    void aFailedWriteIsWrittenAgainBeforeTheNextBatchAndFailsThatBatchUntilItSucceeds() throws Exception {
        List<List<Long>> sent = new CopyOnWriteArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(2); // the writer's attempt and the first synchronous retry
        CountDownLatch attempted = new CountDownLatch(1);
        PipelinedWrites writes = new PipelinedWrites(sending(ids -> {
            if (ids.contains(1L) && failuresLeft.getAndDecrement() > 0) {
                attempted.countDown();
                throw new IllegalStateException("Elasticsearch unreachable");
            }
            sent.add(ids);
        }));

        writes.submit(Set.of(1L));
        assertThat(attempted.await(2, TimeUnit.SECONDS)).isTrue();
        sleep(50); // the failure is recorded as the writer ends
        // batch 2 commits only after batch 1 is in: the retry fails, so batch 2 fails (its processor retries it)
        assertThatThrownBy(() -> writes.submit(Set.of(2L))).hasMessageContaining("unreachable");
        writes.submit(Set.of(2L)); // the processor's retry: batch 1 is written first, then batch 2 goes out
        writes.flush();

        assertThat(sent).containsExactly(List.of(1L), List.of(2L));
    }

    @Test
    void aFailedSendPutsItsChunkAndTheOneRenderedAfterItBackInFront() {
        List<List<Long>> sent = new CopyOnWriteArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(1);
        PipelinedWrites writes = new PipelinedWrites(sending(ids -> {
            if (ids.contains(1L) && failuresLeft.getAndDecrement() > 0) {
                sleep(50); // chunk 2 is rendered meanwhile
                throw new IllegalStateException("Elasticsearch restarting");
            }
            sent.add(ids);
        }), new LongAdder(), 1_000, 1);

        writes.submit(ids(1L, 2L, 3L));
        writes.flush();

        List<Long> order = new ArrayList<>();
        sent.forEach(order::addAll);
        assertThat(order).containsExactly(1L, 2L, 3L);
    }

    @Test
    void flushKeepsTryingAFailingWriteWithBackOff() {
        List<List<Long>> sent = new CopyOnWriteArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(3); // the writer's attempt and two retries in flush
        PipelinedWrites writes = new PipelinedWrites(sending(ids -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("Elasticsearch restarting");
            }
            sent.add(ids);
        }));

        writes.submit(Set.of(7L));
        writes.flush(); // the alias may only move once this batch is in

        assertThat(sent).containsExactly(List.of(7L));
        assertThat(failuresLeft.get()).isNegative();
    }

    /** Documents in the order a batch touched them (as the projection hands them over). */
    private static Set<Long> ids(Long... ids) {
        return new java.util.LinkedHashSet<>(List.of(ids));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
