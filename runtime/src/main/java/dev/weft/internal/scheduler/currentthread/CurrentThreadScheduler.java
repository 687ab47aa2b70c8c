package dev.weft.internal.scheduler.currentthread;

import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.internal.driver.RuntimeContext;
import dev.weft.internal.driver.ThreadParker;
import dev.weft.internal.driver.io.IoDriver;
import dev.weft.internal.driver.time.TimeDriver;
import dev.weft.internal.scheduler.Injector;
import dev.weft.internal.scheduler.RuntimeScheduler;
import dev.weft.internal.scheduler.RuntimeThreads;
import dev.weft.internal.task.OwnedTasks;
import dev.weft.internal.task.Task;
import java.util.ArrayDeque;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The single-threaded executor: tasks run on whichever thread is inside blockOn, as in tokio's
 * current_thread runtime. No thread of its own; spawning and waking from other threads works.
 */
public final class CurrentThreadScheduler implements RuntimeScheduler {
    /*
     * Implementation notes:
     *
     * The "core" is the right to run tasks. `core` holds the thread that has it (CAS from null);
     * `local` is touched only by that thread. The CAS that takes the core (acquire) pairs with
     * the volatile write that releases it, so a later holder sees `local` as the last left it.
     *
     * Protocols:
     *  1. schedule from the core thread: append to `local`, no synchronization. From any other
     *     thread: push to `remote`, then unpark the core's parker. The core publishes its parker
     *     (volatile write) before it first reads `remote`; the remote side pushes (lock) before it
     *     reads the parker (volatile read). Both are sequentially consistent, so either the core
     *     sees the task or the waker sees the parker: no lost wakeup. A stale parker (a core that
     *     left) is unparked harmlessly; the task waits in `remote` for the next blockOn.
     *  2. blockOn polls its own future when woken, then runs up to EVENT_INTERVAL tasks, checking
     *     `remote` first every REMOTE_INTERVAL ticks, and parks only when it ran nothing and its
     *     future was not woken.
     *  3. A second thread calling blockOn while the core is held polls its own future on its own
     *     parker and listens for the core's release (`waiters`); when the core is free it takes
     *     it, so tasks never wait for a blockOn that is gone while another one is still running.
     *  4. Shutdown sets the flag (after which schedule() drops wakes: a woken task was idle and
     *     OwnedTasks cancels it), cancels what `remote` holds, unparks the core and takes the core
     *     itself (waiting for the holder, which sees the flag and leaves), then cancels what
     *     `local` holds.
     */

    static final int EVENT_INTERVAL = 61;
    static final int REMOTE_INTERVAL = 31;

    private final ArrayDeque<Task<?>> local = new ArrayDeque<>();
    /** Spawns from threads that do not hold the core (the core thread counts its own). */
    private final java.util.concurrent.atomic.LongAdder foreignSpawns = new java.util.concurrent.atomic.LongAdder();
    private final OwnedTasks owned;
    private final Injector remote = new Injector();
    private final ConcurrentLinkedQueue<ThreadParker> waiters = new ConcurrentLinkedQueue<>();
    private final RuntimeContext context;
    private final TimeDriver time;
    private final IoDriver io;
    private final int spins;
    private volatile Thread core;
    private volatile ThreadParker coreParker;
    private volatile boolean shutdown;
    private int tick;
    // Metrics: written by the core thread only, read racily by WeftRuntime.metrics().
    private long spawned;
    private long polls;
    private long parks;

    public CurrentThreadScheduler(RuntimeContext context, OwnedTasks owned, int spins) {
        this.context = context;
        this.time = context.time;
        this.io = context.io;
        time.setOnEarlierDeadline(this::wakeCore);
        this.owned = owned;
        this.spins = spins;
    }

    @Override
    public boolean spawn(Task<?> task) {
        boolean onCore = Thread.currentThread() == core;
        if (onCore) {
            spawned++;
        } else {
            foreignSpawns.increment();
        }
        if (shutdown) {
            return false;
        }
        if (onCore) {
            local.addLast(task);
            return true;
        }
        return pushRemote(task);
    }

    @Override
    public void schedule(Task<?> task) {
        if (shutdown) {
            return; // a woken task was idle, so OwnedTasks cancels it
        }
        if (Thread.currentThread() == core) {
            local.addLast(task);
        } else {
            pushRemote(task);
        }
    }

    private boolean pushRemote(Task<?> task) {
        if (!remote.push(task)) {
            return false;
        }
        wakeCore();
        return true;
    }

    /** Wakes the core wherever it sleeps: its parker, then the selector (IoDriver's notes). */
    private void wakeCore() {
        ThreadParker p = coreParker;
        if (p != null) {
            p.unpark();
            io.wakeup();
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

    @Override
    public boolean isInside() {
        return Thread.currentThread() == core;
    }

    @Override
    public <T> T blockOn(Future<T> future) {
        RuntimeThreads.checkMayBlock("blockOn");
        Thread me = Thread.currentThread();
        RuntimeContext prev = RuntimeContext.enter(context);
        RuntimeThreads.BlockingContext root = new RuntimeThreads.BlockingContext(spins);
        try {
            for (;;) {
                checkRunning(future);
                if (CORE.compareAndSet(this, null, me)) {
                    try {
                        return runCore(future, root);
                    } finally {
                        releaseCore();
                    }
                }
                Poll<T> p = waitForCoreOrValue(future, root);
                if (p != null) {
                    return p.value();
                }
            }
        } finally {
            RuntimeContext.exit(prev);
        }
    }

    private <T> T runCore(Future<T> future, RuntimeThreads.BlockingContext root) {
        coreParker = root.parker;
        root.alsoWake = io::wakeup;
        for (;;) {
            checkRunning(future);
            Poll<T> p = root.pollIfWoken(future);
            if (p != null && p.isReady()) {
                return p.value();
            }
            int ran = 0;
            while (ran < EVENT_INTERVAL) {
                Task<?> t = nextTask();
                if (t == null) {
                    break;
                }
                polls++;
                t.run();
                ran++;
            }
            if (ran == 0 && !root.woken) {
                io.prepareSelect();
                long nanos = time.nanosUntilNextDeadline();
                if (!root.parker.tryConsume() && !root.woken) {
                    parks++;
                    io.select(nanos); // sleeps until I/O, the next timer, or a wake
                    root.parker.tryConsume();
                } else {
                    io.skipSelect();
                }
            } else if (ran == EVENT_INTERVAL) {
                io.selectNow(); // busy: collect readiness without blocking
            }
            time.fireDue(); // cheap when nothing is due
        }
    }

    private Task<?> nextTask() {
        if (++tick % REMOTE_INTERVAL == 0) {
            Task<?> t = remote.pop();
            return t != null ? t : local.pollFirst();
        }
        Task<?> t = local.pollFirst();
        return t != null ? t : remote.pop();
    }

    /** Protocol 3: returns the ready poll, or null when the core became free. */
    private <T> Poll<T> waitForCoreOrValue(Future<T> future, RuntimeThreads.BlockingContext root) {
        waiters.add(root.parker);
        try {
            for (;;) {
                checkRunning(future);
                Poll<T> p = root.pollIfWoken(future);
                if (p != null && p.isReady()) {
                    return p;
                }
                if (core == null) {
                    return null;
                }
                root.parker.park();
            }
        } finally {
            waiters.remove(root.parker);
        }
    }


    private void releaseCore() {
        coreParker = null;
        core = null;
        for (ThreadParker w : waiters) {
            w.unpark();
        }
        if (shutdown) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    private void checkRunning(Future<?> future) {
        if (shutdown) {
            future.cancel();
            throw new CancellationException("the runtime was shut down while blockOn was waiting");
        }
    }

    @Override
    public boolean shutdown(long deadlineNanos) {
        shutdown = true;
        for (Task<?> queued : remote.close()) {
            queued.cancelForShutdown();
        }
        wakeCore();
        for (ThreadParker w : waiters) {
            w.unpark();
        }
        Thread me = Thread.currentThread();
        synchronized (this) {
            while (!CORE.compareAndSet(this, null, me)) {
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
        // We hold the core for good, so `local` is ours: cancel what it holds (Task protocol 5).
        for (Task<?> t = local.pollFirst(); t != null; t = local.pollFirst()) {
            t.cancelForShutdown();
        }
        return true;
    }

    @Override
    public void counters(dev.weft.internal.scheduler.SchedulerCounters into) {
        into.spawned = spawned + foreignSpawns.sum();
        into.polls = polls;
        into.parks = parks;
        into.globalQueueDepth = remote.length();
        into.localQueueDepths = new int[] {local.size()}; // racy read of the core's deque size
    }

    // VarHandle mechanics
    private static final VarHandle CORE;

    static {
        try {
            CORE = MethodHandles.lookup().findVarHandle(CurrentThreadScheduler.class, "core", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
