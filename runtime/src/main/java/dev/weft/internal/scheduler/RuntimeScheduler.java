package dev.weft.internal.scheduler;

import dev.weft.future.Future;
import dev.weft.internal.task.Scheduler;
import dev.weft.internal.task.Task;

/** What WeftRuntime needs of an executor: queue new tasks, block on a future, stop its threads. */
public interface RuntimeScheduler extends Scheduler {
    /**
     * Queues a task that was just created; false if the executor is shut down (the caller cancels
     * it). Counts every call for {@link SchedulerCounters#spawned}: on the executor's own threads
     * in a plain field, since a shared atomic counter cost 8 % of a spawner's time.
     */
    boolean spawn(Task<?> task);

    /** Runs {@code future} to completion on the calling thread. */
    <T> T blockOn(Future<T> future);

    /**
     * Stops the executor's threads and drops its queues, waiting until {@code deadlineNanos}
     * (System.nanoTime). Returns false if a thread did not stop in time.
     */
    boolean shutdown(long deadlineNanos);

    /** Whether the calling thread is one of this executor's (a worker, or the current-thread core). */
    boolean isInside();

    /**
     * Reports the executor's counters and queue depths. Read without stopping anything, so the
     * numbers are each current but not taken at one instant.
     */
    void counters(SchedulerCounters into);
}
