package dev.macula.infra.operations;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The coordinator executor of a rebuild processor: a one-thread scheduler whose waiting task can be
 * run early. Axon's pooled processor reads events into a work package's queue (1,024 events) and,
 * when the queue is full, looks again only after 100 ms; a rebuild, whose worker empties the queue
 * in one batch, would read nothing for the rest of those 100 ms while the worker handles that batch.
 * Waking the coordinator as the worker starts a batch makes it read the next events meanwhile.
 * Running a coordination round early is always allowed (it is what Axon does when events arrive);
 * a task runs once, whichever comes first.
 */
final class WakeableScheduler extends ScheduledThreadPoolExecutor {

    private final AtomicReference<Runnable> waiting = new AtomicReference<>();

    WakeableScheduler(String name) {
        super(1, Thread.ofPlatform().name(name).daemon().factory());
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        if (delay <= 0) {
            return super.schedule(task, delay, unit);
        }
        Runnable once = new Once(task);
        waiting.set(once);
        return super.schedule(once, delay, unit);
    }

    /** Runs the waiting task now, if there is one. */
    void wake() {
        Runnable task = waiting.getAndSet(null);
        if (task != null && !isShutdown()) {
            try {
                execute(task);
            } catch (java.util.concurrent.RejectedExecutionException shutDown) {
                // the processor is stopping
            }
        }
    }

    private static final class Once implements Runnable {
        private final Runnable task;
        private final AtomicBoolean ran = new AtomicBoolean();

        Once(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            if (ran.compareAndSet(false, true)) {
                task.run();
            }
        }
    }
}
