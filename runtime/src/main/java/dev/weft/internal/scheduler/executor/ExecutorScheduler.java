package dev.weft.internal.scheduler.executor;

import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.internal.driver.RuntimeContext;
import dev.weft.internal.driver.io.IoDriver;
import dev.weft.internal.driver.time.TimeDriver;
import dev.weft.internal.scheduler.RuntimeScheduler;
import dev.weft.internal.scheduler.RuntimeThreads;
import dev.weft.internal.task.OwnedTasks;
import dev.weft.internal.task.Task;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks on a foreign Executor (a Reactor or RxJava Scheduler's threads, a pool the
 * application already has): each wake submits the task's next poll. Timers and I/O, which need a
 * thread that can sleep in select(), are driven by one runtime thread of its own.
 */
public final class ExecutorScheduler implements RuntimeScheduler {
    /*
     * Implementation notes:
     *
     * Task's state word already guarantees that a task is submitted once per wake and never
     * polled twice at once, so the executor needs no ordering of its own: any thread pool works.
     *
     * The driver thread loops: prepareSelect, check `shutdown`, compute the timeout from the next
     * timer, select, fire due timers. A new earlier timer and shutdown both wake it with
     * io.wakeup(); wakeup() is skipped while nobody selects, which is safe because the driver
     * re-reads the deadline (volatile) and `shutdown` after prepareSelect (which publishes that
     * it is selecting): either it sees the change, or the changer sees it selecting and wakes it.
     *
     * Shutdown: after the flag, queued polls that still reach the executor cancel their task
     * instead of running it; shutdown waits (monitor wait) for polls already running to end and
     * for the driver thread to stop.
     *
     * A poll handed to the executor but not started is a queued task no other path reaches (it
     * is in no queue of ours, and a task that was never polled is not in OwnedTasks), and the
     * executor may run it late (its threads are busy elsewhere) or never (shut down with work
     * queued). So submitted polls are kept in `queued` until they start, and removing a task
     * from it is the right to deal with it: the poll that removes it runs (or, after the flag,
     * cancels) the task; shutdown cancels every task it removes, before it returns. A task is in
     * `queued` at most once, since Task's state word submits it once per wake.
     */

    private static final ThreadLocal<ExecutorScheduler> RUNNING_ON = new ThreadLocal<>();

    private final Executor executor;
    private final OwnedTasks owned;
    private final RuntimeContext context;
    private final TimeDriver time;
    private final IoDriver io;
    private final int spins;
    private final Thread driver;
    private volatile boolean shutdown;
    private int active; // polls running now; guarded by `this`
    private final java.util.Set<Task<?>> queued = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.LongAdder spawned = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder polls = new java.util.concurrent.atomic.LongAdder();

    public ExecutorScheduler(RuntimeContext context, OwnedTasks owned, Executor executor, String threadPrefix, int spins) {
        this.context = context;
        this.time = context.time;
        this.io = context.io;
        this.owned = owned;
        this.executor = executor;
        this.spins = spins;
        time.setOnEarlierDeadline(io::wakeup);
        driver = new Thread(this::drive, threadPrefix + "-driver");
        driver.setDaemon(true);
        driver.start();
    }

    private void drive() {
        while (true) {
            io.prepareSelect();
            if (shutdown) {
                io.skipSelect();
                return;
            }
            io.select(time.nanosUntilNextDeadline());
            time.fireDue();
        }
    }

    @Override
    public boolean spawn(Task<?> task) {
        spawned.increment(); // the executor's threads are not ours: no owner-only counter
        if (shutdown) {
            return false;
        }
        submit(task);
        return true;
    }

    @Override
    public void schedule(Task<?> task) {
        if (!shutdown) {
            submit(task); // after shutdown a woken task was idle: OwnedTasks cancels it
        }
    }

    @Override
    public void yieldTask(Task<?> task) {
        schedule(task);
    }

    private void submit(Task<?> task) {
        queued.add(task);
        // Either shutdown's sweep sees this entry or this read sees its flag (both sides write,
        // then read the other's, through volatile accesses): a task submitted while shutdown
        // runs is cancelled before shutdown returns or right here.
        if (shutdown) {
            cancelIfStillQueued(task);
            return;
        }
        try {
            executor.execute(() -> runOnce(task));
        } catch (RejectedExecutionException e) {
            // The executor refuses work (it was disposed): the task can never run again.
            cancelIfStillQueued(task);
        }
    }

    /** Removing a task from `queued` is the right to deal with it (see the notes): cancel it then. */
    private void cancelIfStillQueued(Task<?> task) {
        if (queued.remove(task)) {
            task.cancelForShutdown();
        }
    }

    private void runOnce(Task<?> task) {
        if (!queued.remove(task)) {
            return; // shutdown took it and cancelled it
        }
        synchronized (this) {
            if (shutdown) {
                task.cancelForShutdown();
                return;
            }
            active++;
        }
        ExecutorScheduler outer = RUNNING_ON.get();
        RUNNING_ON.set(this);
        RuntimeContext prev = RuntimeContext.enter(context);
        try {
            polls.increment();
            task.run();
        } finally {
            RuntimeContext.exit(prev);
            if (outer == null) {
                RUNNING_ON.remove();
            } else {
                RUNNING_ON.set(outer);
            }
            synchronized (this) {
                if (--active == 0 && shutdown) {
                    notifyAll();
                }
            }
        }
    }

    @Override
    public OwnedTasks ownedTasks() {
        return owned;
    }

    @Override
    public boolean isInside() {
        return RUNNING_ON.get() == this;
    }

    @Override
    public <T> T blockOn(Future<T> future) {
        RuntimeThreads.checkMayBlock("blockOn");
        RuntimeContext prev = RuntimeContext.enter(context);
        try {
            RuntimeThreads.BlockingContext root = new RuntimeThreads.BlockingContext(spins);
            for (;;) {
                if (shutdown) {
                    future.cancel();
                    throw new CancellationException("the runtime was shut down while blockOn was waiting");
                }
                Poll<T> p = root.pollIfWoken(future);
                if (p != null && p.isReady()) {
                    return p.value();
                }
                if (!root.woken) {
                    root.parker.park();
                }
            }
        } finally {
            RuntimeContext.exit(prev);
        }
    }

    @Override
    public boolean shutdown(long deadlineNanos) {
        synchronized (this) {
            shutdown = true;
        }
        // Polls that start from now on cancel their task; the ones not started yet are ours.
        for (Task<?> t : queued) {
            cancelIfStillQueued(t);
        }
        io.wakeup();
        synchronized (this) {
            while (active > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1L, left / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        try {
            driver.join(Math.max(1L, (deadlineNanos - System.nanoTime()) / 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !driver.isAlive();
    }

    @Override
    public void counters(dev.weft.internal.scheduler.SchedulerCounters into) {
        into.spawned = spawned.sum();
        into.polls = polls.sum();
        // Polls handed to the executor and not yet started: its queue, as we see it.
        into.globalQueueDepth = queued.size();
    }
}
