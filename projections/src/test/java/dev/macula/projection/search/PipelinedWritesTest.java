package dev.macula.projection.search;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelinedWritesTest {

    @Test
    void writesRunInBatchOrderOneAtATimeAndFlushWaitsForTheLast() throws Exception {
        List<Set<Long>> written = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        PipelinedWrites writes = new PipelinedWrites(ids -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(20);
            written.add(ids);
            running.decrementAndGet();
        });

        for (long batch = 0; batch < 5; batch++) {
            writes.submit(Set.of(batch));
        }
        writes.flush();

        assertThat(written).containsExactly(Set.of(0L), Set.of(1L), Set.of(2L), Set.of(3L), Set.of(4L));
        assertThat(mostAtOnce.get()).isEqualTo(1);
    }

    @Test
    void submitReturnsBeforeTheWriteIsDone() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        PipelinedWrites writes = new PipelinedWrites(ids -> {
            await(release);
            done.countDown();
        });

        writes.submit(Set.of(1L)); // would block here if the write were synchronous

        assertThat(done.getCount()).isEqualTo(1);
        release.countDown();
        writes.flush();
        assertThat(done.await(1, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aFailedWriteIsWrittenAgainBeforeTheNextBatchAndFailsThatBatchUntilItSucceeds() {
        List<Set<Long>> written = new CopyOnWriteArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(2); // the async attempt and the first synchronous retry
        PipelinedWrites writes = new PipelinedWrites(ids -> {
            if (ids.contains(1L) && failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("Elasticsearch unreachable");
            }
            written.add(ids);
        });

        writes.submit(Set.of(1L));
        // batch 2 commits only after batch 1 is in: the retry fails, so batch 2 fails (its processor retries it)
        assertThatThrownBy(() -> writes.submit(Set.of(2L))).hasMessageContaining("unreachable");
        writes.submit(Set.of(2L)); // the processor's retry: batch 1 is written first, then batch 2 starts
        writes.flush();

        assertThat(written).containsExactly(Set.of(1L), Set.of(2L));
    }

    @Test
    void flushKeepsTryingAFailingWriteWithBackOff() {
        List<Set<Long>> written = new CopyOnWriteArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(3); // the async attempt and two retries in flush
        PipelinedWrites writes = new PipelinedWrites(ids -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("Elasticsearch restarting");
            }
            written.add(ids);
        });

        writes.submit(Set.of(7L));
        writes.flush(); // the alias may only move once this batch is in

        assertThat(written).containsExactly(Set.of(7L));
        assertThat(failuresLeft.get()).isNegative();
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
