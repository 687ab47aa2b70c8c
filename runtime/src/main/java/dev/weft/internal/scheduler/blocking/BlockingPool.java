package dev.weft.internal.scheduler.blocking;

import dev.weft.internal.driver.RuntimeContext;
import dev.weft.internal.task.OwnedTasks;
import dev.weft.internal.task.Scheduler;
import dev.weft.internal.task.Task;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool for spawnBlocking: a bounded number of threads that are created on demand and retire
 * after an idle keep-alive; work beyond the bound waits in a queue, as in tokio.
 *
 * A blocking task is a Task whose future runs the callable in its one poll, so abort, join and
 * shutdown work exactly as for async tasks; this class is only the Scheduler that runs it.
 */
public final class BlockingPool implements Scheduler {
    private final ThreadPoolExecutor executor;
    private final OwnedTasks owned;
    /**
     * Every thread the pool started that may still be alive. awaitTermination returns once each
     * has left its work loop, a moment before the thread itself ends, so shutdown joins them too
     * (a thread left alive after shutdown was seen once in LeakAndLoadTest). Dead ones are
     * dropped whenever a thread is started, which bounds the set by the pool's size.
     */
    private final java.util.Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public BlockingPool(RuntimeContext context, OwnedTasks owned, String namePrefix, int maxThreads, long keepAliveNanos) {
        this.owned = owned;
        AtomicInteger ids = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new BlockingThread(r, namePrefix + "-blocking-" + ids.getAndIncrement(), context);
            t.setDaemon(true);
            threads.removeIf(old -> !old.isAlive());
            threads.add(t);
            return t;
        };
        // core == max with core timeout: grows to max threads, then queues, and shrinks when idle.
        executor = new ThreadPoolExecutor(maxThreads, maxThreads, keepAliveNanos, TimeUnit.NANOSECONDS,
                new LinkedBlockingQueue<>(), factory);
        executor.allowCoreThreadTimeOut(true);
    }

    @Override
    public void schedule(Task<?> task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException shutDown) {
            task.cancelForShutdown(); // the runtime is shutting down
        }
    }

    @Override
    public OwnedTasks ownedTasks() {
        return owned;
    }

    @Override
    public void yieldTask(Task<?> task) {
        schedule(task);
    }

    /** Stops taking work and waits for running calls until the deadline; false if some still run. */
    public boolean shutdown(long deadlineNanos) {
        // Interrupts running calls, as ExecutorService users expect; calls never started are
        // cancelled here (a blocking task is never idle, so OwnedTasks does not hold it).
        for (Runnable never : executor.shutdownNow()) {
            ((Task<?>) never).cancelForShutdown();
        }
        try {
            if (!executor.awaitTermination(Math.max(0L, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
            for (Thread t : threads) {
                long left = deadlineNanos - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(t, left);
                }
                if (t.isAlive()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A member of the runtime, so WeftRuntime.current() works in blocking work; it may block. */
    private static final class BlockingThread extends Thread implements RuntimeContext.Member {
        private final RuntimeContext context;

        BlockingThread(Runnable r, String name, RuntimeContext context) {
            super(r, name);
            this.context = context;
        }

        @Override
        public RuntimeContext runtimeContext() {
            return context;
        }
    }
}
