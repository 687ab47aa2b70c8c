package dev.weft.internal.scheduler.multithread;

import dev.weft.future.Futures;
import dev.weft.internal.driver.RuntimeContext;
import dev.weft.internal.driver.io.IoDriver;
import dev.weft.internal.driver.time.Clock;
import dev.weft.internal.driver.time.TimeDriver;
import dev.weft.internal.scheduler.Injector;
import dev.weft.internal.task.OwnedTasks;
import dev.weft.internal.task.Scheduler;
import dev.weft.internal.task.Task;
import java.util.List;
import org.openjdk.jcstress.infra.results.III_Result;

/** Shared fixtures of the queue stress tests: tasks to move around and a way to count them. */
final class QueueProbes {
    private QueueProbes() {}

    /** Queued tasks are only moved, never run, so their scheduler is never called. */
    private static final Scheduler UNUSED = new Scheduler() {
        @Override
        public void schedule(Task<?> task) {
            throw new AssertionError("a queue test task was woken");
        }

        @Override
        public void yieldTask(Task<?> task) {
            throw new AssertionError("a queue test task was woken");
        }

        @Override
        public OwnedTasks ownedTasks() {
            throw new AssertionError("a queue test task was run");
        }
    };

    /**
     * A scheduler with no worker threads, so Workers built on it by the tests run their queue
     * logic on the test's threads and nothing else ever touches them. One per forked VM.
     */
    static final MultiThreadScheduler NO_WORKERS = new MultiThreadScheduler(
            new RuntimeContext(null, new TimeDriver(Clock.paused()), new IoDriver()), new OwnedTasks(1), 0,
            "jcstress", 0, 8, null);

    static Task<?>[] tasks(int n) {
        Task<?>[] ts = new Task<?>[n];
        for (int i = 0; i < n; i++) {
            ts[i] = new Task<>(Futures.pending(), UNUSED);
        }
        return ts;
    }

    /** Records each task taken, so the arbiter can check every task was taken exactly once. */
    static final class Takes {
        final Task<?>[] tasks;
        final int[] counts;

        Takes(Task<?>[] tasks) {
            this.tasks = tasks;
            this.counts = new int[tasks.length];
        }

        /** Called by one thread per Takes instance; the arbiter merges them. */
        void take(Task<?> t) {
            if (t == null) {
                return;
            }
            for (int i = 0; i < tasks.length; i++) {
                if (tasks[i] == t) {
                    counts[i]++;
                    return;
                }
            }
            throw new AssertionError("a task that was never pushed came out of a queue: " + t);
        }

        void drain(LocalQueue q) {
            for (Task<?> t = q.pop(); t != null; t = q.pop()) {
                take(t);
            }
        }

        void drain(Injector q) {
            for (Task<?> t = q.pop(); t != null; t = q.pop()) {
                take(t);
            }
        }

        /** A stealer's whole turn: steal half of victim into its own queue and take all of it. */
        void stealAll(LocalQueue victim, LocalQueue into) {
            take(victim.stealInto(into));
            drain(into);
        }

        /**
         * The arbiter of a three-task race between an owner and this stealer: r1..r3 become how
         * many times each task was taken, by the stealer or from what queue and injector hold.
         */
        void countWithLeftovers(LocalQueue queue, Injector injector, III_Result r) {
            Takes rest = new Takes(tasks);
            rest.drain(queue);
            rest.drain(injector);
            r.r1 = count(0, this, rest);
            r.r2 = count(1, this, rest);
            r.r3 = count(2, this, rest);
        }

        void takeAll(List<Task<?>> ts) {
            ts.forEach(this::take);
        }

        /** How many times task i was taken, summed over every Takes given. */
        static int count(int i, Takes... all) {
            int n = 0;
            for (Takes t : all) {
                n += t.counts[i];
            }
            return n;
        }
    }
}
