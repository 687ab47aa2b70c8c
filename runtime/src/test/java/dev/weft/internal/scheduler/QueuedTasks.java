package dev.weft.internal.scheduler;

import dev.weft.future.Futures;
import dev.weft.internal.task.OwnedTasks;
import dev.weft.internal.task.Scheduler;
import dev.weft.internal.task.Task;

/** Tasks for the queue tests: they are only moved between queues, so their scheduler does nothing. */
public final class QueuedTasks {
    private static final OwnedTasks OWNED = new OwnedTasks(1);
    private static final Scheduler NOWHERE = new Scheduler() {
        @Override
        public void schedule(Task<?> task) {}

        @Override
        public void yieldTask(Task<?> task) {}

        @Override
        public OwnedTasks ownedTasks() {
            return OWNED;
        }
    };

    private QueuedTasks() {}

    /** n new tasks; task i's future is ready with i. */
    public static Task<?>[] tasks(int n) {
        Task<?>[] ts = new Task<?>[n];
        for (int i = 0; i < n; i++) {
            ts[i] = new Task<>(Futures.ready(i), NOWHERE);
        }
        return ts;
    }
}
