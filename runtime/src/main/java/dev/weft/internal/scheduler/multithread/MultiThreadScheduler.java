package dev.weft.internal.scheduler.multithread;

import dev.weft.future.Future;
import dev.weft.internal.driver.RuntimeContext;
import dev.weft.internal.driver.io.IoDriver;
import dev.weft.internal.driver.time.TimeDriver;
import dev.weft.internal.scheduler.Injector;
import dev.weft.internal.scheduler.RuntimeScheduler;
import dev.weft.internal.scheduler.RuntimeThreads;
import dev.weft.internal.task.OwnedTasks;
import dev.weft.internal.task.Task;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The work-stealing executor: N workers, each with a bounded local queue and a LIFO slot, one
 * injection queue, and an idle registry so that wakes unpark a worker only when none is searching.
 */
public final class MultiThreadScheduler implements RuntimeScheduler {
    /*
     * Implementation notes:
     *
     * Where a scheduled task goes:
     *  - woken or spawned on one of our workers: that worker's LIFO slot (the previous occupant
     *    moves to the local queue), because message passing wakes the receiver right after the
     *    sender's poll and the receiver's data is still in this core's cache;
     *  - woken during its own poll (yieldTask): the back of the local queue;
     *  - from any other thread: the injector, then notify a parked worker.
     * A new entry in a local queue or the injector may be work for a parked worker, so it is
     * followed by Idle.workerToNotify (protocol 1 there). Filling an empty LIFO slot is not: the
     * current worker runs it next. Nor is a yield of the worker's only task (Worker.yieldLocal).
     *
     * Shutdown: the injector is closed (its tasks cancelled here), the flag is set and every
     * parker unparked; a worker checks the flag before each task and after each park, so it
     * exits after at most one more poll, and on its way out cancels what its own LIFO slot and
     * local queue hold (it is their only owner, so no lock is needed). Idle tasks are cancelled
     * by the runtime through OwnedTasks. Cancelling claims the task (Task protocol 5), so a
     * cancel never runs concurrently with a poll, even for a worker stuck past the timeout.
     */

    final Worker[] workers;
    final Injector injector = new Injector();
    /** Spawns from threads that are not this runtime's workers (each worker counts its own). */
    private final java.util.concurrent.atomic.LongAdder foreignSpawns = new java.util.concurrent.atomic.LongAdder();
    final Idle idle;
    final RuntimeContext context;
    final TimeDriver time;
    final IoDriver io;
    private final OwnedTasks owned;
    /** The worker parked with a timeout for the next timer, if any (TimeDriver's notes). */
    private final AtomicReference<Worker> driverHolder = new AtomicReference<>();
    private volatile boolean shutdown;

    /** The long-poll watchdog, or null when it is off (Worker checks this before timing a poll). */
    final Watchdog watchdog;

    public MultiThreadScheduler(RuntimeContext context, OwnedTasks owned, int workerCount, String namePrefix,
            int spins, int localQueueCapacity, Watchdog watchdog) {
        this.watchdog = watchdog;
        this.context = context;
        this.time = context.time;
        this.io = context.io;
        this.owned = owned;
        time.setOnEarlierDeadline(this::wakeDriverHolder);
        this.idle = new Idle(workerCount);
        this.workers = new Worker[workerCount];
        for (int i = 0; i < workerCount; i++) {
            workers[i] = new Worker(this, i, localQueueCapacity, spins);
        }
        for (Worker w : workers) {
            w.thread = new WorkerThread(w, namePrefix + "-worker-" + w.index);
        }
        for (Worker w : workers) {
            w.thread.start();
        }
        if (watchdog != null) {
            watchdog.start(workers, namePrefix + "-watchdog");
        }
    }

    boolean isShutdown() {
        return shutdown;
    }

    @Override
    public OwnedTasks ownedTasks() {
        return owned;
    }

    private Worker currentWorker() {
        Thread t = Thread.currentThread();
        if (t instanceof WorkerThread) {
            Worker w = ((WorkerThread) t).worker;
            if (w.shared == this) {
                return w;
            }
        }
        return null;
    }

    @Override
    public boolean spawn(Task<?> task) {
        Worker w = currentWorker();
        if (w != null) {
            w.spawned++;
            w.scheduleLocal(task); // the worker cancels its queues when it stops
            return true;
        }
        foreignSpawns.increment();
        if (injector.push(task)) {
            notifyParked();
            return true;
        }
        return false;
    }

    @Override
    public void schedule(Task<?> task) {
        Worker w = currentWorker();
        if (w != null) {
            w.scheduleLocal(task);
        } else {
            scheduleRemote(task);
        }
    }

    @Override
    public void yieldTask(Task<?> task) {
        Worker w = currentWorker();
        if (w != null) {
            w.yieldLocal(task);
        } else {
            scheduleRemote(task);
        }
    }

    private void scheduleRemote(Task<?> task) {
        if (injector.push(task)) {
            notifyParked();
        }
        // else: shut down. A woken task was idle, so it is in OwnedTasks and cancelled there.
    }

    void notifyParked() {
        int idx = idle.workerToNotify();
        if (idx >= 0) {
            unpark(workers[idx]);
        }
    }

    /** After a push to the calling worker's own queue (Idle protocol 4). */
    void notifyParkedLocal() {
        int idx = idle.workerToNotifyRacy();
        if (idx >= 0) {
            unpark(workers[idx]);
        }
    }

    /**
     * Wakes a worker wherever it sleeps: its parker, and the selector if it holds the driver.
     * The worker publishes itself as holder before checking its parker (IoDriver's notes), so
     * one of the two reaches it.
     */
    void unpark(Worker w) {
        w.parker.unpark();
        if (driverHolder.get() == w) {
            io.wakeup();
        }
    }

    /** Called by the last searcher after it parked: wake someone if work arrived meanwhile. */
    void notifyIfWorkPending() {
        for (Worker w : workers) {
            if (!w.local.isEmptyForStealers()) {
                notifyParked();
                return;
            }
        }
        if (!injector.isEmpty()) {
            notifyParked();
        }
    }

    @Override
    public <T> T blockOn(Future<T> future) {
        RuntimeThreads.checkMayBlock("blockOn");
        RuntimeContext prev = RuntimeContext.enter(context);
        try {
            return RuntimeThreads.blockOn(future, workers[0].parker.spins());
        } finally {
            RuntimeContext.exit(prev);
        }
    }

    /** A parking worker takes the right to sleep with a timeout for the next timer. */
    boolean tryAcquireDriver(Worker w) {
        return driverHolder.compareAndSet(null, w);
    }

    void releaseDriver(Worker w) {
        driverHolder.compareAndSet(w, null);
    }

    /** A timer earlier than all others was registered: the timed sleeper must recompute. */
    private void wakeDriverHolder() {
        Worker w = driverHolder.get();
        if (w != null) {
            unpark(w);
        } else {
            // Nobody sleeps with a timeout: either every worker is busy (they fire timers between
            // tasks) or one is about to park, and it reads the new deadline after claiming.
            notifyParked();
        }
    }

    static void cancelAll(java.util.List<Task<?>> tasks) {
        for (Task<?> t : tasks) {
            t.cancelForShutdown();
        }
    }

    @Override
    public boolean isInside() {
        return currentWorker() != null;
    }

    @Override
    public boolean shutdown(long deadlineNanos) {
        shutdown = true;
        if (watchdog != null) {
            watchdog.stop();
        }
        cancelAll(injector.close());
        for (Worker w : workers) {
            unpark(w);
        }
        io.wakeup();
        boolean stopped = true;
        for (Worker w : workers) {
            long left = deadlineNanos - System.nanoTime();
            try {
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(w.thread, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped &= !w.thread.isAlive();
        }
        return stopped;
    }

    @Override
    public void counters(dev.weft.internal.scheduler.SchedulerCounters into) {
        into.spawned = foreignSpawns.sum();
        into.globalQueueDepth = injector.length();
        into.localQueueDepths = new int[workers.length];
        for (int i = 0; i < workers.length; i++) {
            Worker w = workers[i];
            into.spawned += w.spawned;
            into.polls += w.polls;
            into.steals += w.steals;
            into.parks += w.parks;
            into.localQueueDepths[i] = w.local.capacity() - w.local.remaining() + (w.lifoOccupied() ? 1 : 0);
        }
    }
}
