package dev.weft.internal.task;

/** Where a task goes when it is woken; implemented by each executor. */
public interface Scheduler {
    /**
     * Queues a task that was woken (or just spawned). Called by Task once per idle -> notified
     * transition, so the task is never queued twice.
     */
    void schedule(Task<?> task);

    /**
     * Queues a task that was woken while it was being polled, behind the other ready tasks, so a
     * task that keeps waking itself cannot hold its worker.
     */
    void yieldTask(Task<?> task);

    /** The registry of this runtime's waiting tasks (kept here so a Task needs no field for it). */
    OwnedTasks ownedTasks();
}
