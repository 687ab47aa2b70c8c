package dev.weft.runtime;

import dev.weft.future.Future;
import dev.weft.internal.driver.RuntimeContext;
import dev.weft.internal.driver.io.IoDriver;
import dev.weft.internal.driver.time.Clock;
import dev.weft.internal.driver.time.TimeDriver;
import dev.weft.internal.scheduler.RuntimeScheduler;
import dev.weft.internal.scheduler.SchedulerCounters;
import dev.weft.internal.scheduler.blocking.BlockingCall;
import dev.weft.internal.scheduler.blocking.BlockingPool;
import dev.weft.internal.scheduler.currentthread.CurrentThreadScheduler;
import dev.weft.internal.scheduler.executor.ExecutorScheduler;
import dev.weft.internal.scheduler.multithread.MultiThreadScheduler;
import dev.weft.internal.scheduler.multithread.Watchdog;
import dev.weft.internal.task.OwnedTasks;
import dev.weft.internal.task.Task;
import dev.weft.internal.util.Checks;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs futures as tasks: a multi-thread work-stealing executor or a current-thread executor, plus
 * a pool for blocking work.
 *
 * <pre>{@code
 * try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
 *     JoinHandle<Integer> h = rt.spawn(Futures.lazy(() -> 6 * 7));
 *     int answer = rt.blockOn(h);
 * }
 * }</pre>
 *
 * <p><strong>Executors:</strong> the multi-thread executor (the default) runs tasks on its own
 * worker threads, named {@code weft-N-worker-I}, with a local queue per worker, stealing, a LIFO
 * slot for the task woken last and a cooperative budget per poll. The current-thread executor has
 * no threads: tasks run on the thread that is inside {@link #blockOn(Future)}, and wait while no
 * thread is.
 *
 * <p><strong>Thread safety:</strong> every method is safe from any thread.
 *
 * <p><strong>Cancellation:</strong> {@link #shutdown(Duration)} (and {@link #close()}) aborts
 * every task that is left, cancels its future, and stops every thread. Tasks spawned after
 * shutdown are cancelled at once: their handles fail with
 * {@link java.util.concurrent.CancellationException}.
 *
 * <p><strong>Errors:</strong> a task's exception goes to its {@link JoinHandle}; errors that have
 * no receiver go to {@link WeftHooks}.
 */
public final class WeftRuntime implements AutoCloseable {
    private static final AtomicInteger RUNTIME_IDS = new AtomicInteger(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final OwnedTasks owned;
    private final TimeDriver time;
    private final IoDriver io;
    private final RuntimeScheduler scheduler;
    private final BlockingPool blocking;
    private final int workerCount;
    private volatile boolean shutdown;
    private final boolean recordSpawnSites;
    /** spawnBlocking calls and spawns refused at shutdown; the scheduler counts the others. */
    private final java.util.concurrent.atomic.LongAdder otherSpawns = new java.util.concurrent.atomic.LongAdder();

    private WeftRuntime(Builder b) {
        String prefix = b.threadNamePrefix + "-" + RUNTIME_IDS.getAndIncrement();
        recordSpawnSites = b.recordSpawnSites;
        Clock clock = b.pausedClock ? Clock.paused() : Clock.system();
        // A timer shard per worker of a multi-thread runtime, and one for every other thread.
        boolean multiThread = b.executor == null && !b.currentThread;
        time = new TimeDriver(clock, multiThread ? b.workerThreads + 1 : 1);
        io = new IoDriver();
        RuntimeContext context = new RuntimeContext(this, time, io);
        if (b.executor != null) {
            workerCount = 1;
            owned = new OwnedTasks(8);
            scheduler = new ExecutorScheduler(context, owned, b.executor, prefix, b.spinsBeforePark);
        } else if (b.currentThread) {
            workerCount = 1;
            owned = new OwnedTasks(1);
            scheduler = new CurrentThreadScheduler(context, owned, b.spinsBeforePark);
        } else {
            workerCount = b.workerThreads;
            owned = new OwnedTasks(workerCount * 4);
            Watchdog watchdog = b.longPollReporter == null ? null : new Watchdog(b.longPollThreshold.toNanos(),
                    (thread, nanos, stack) -> b.longPollReporter.accept(new LongPoll(thread, Duration.ofNanos(nanos), stack)));
            scheduler = new MultiThreadScheduler(context, owned, workerCount, prefix, b.spinsBeforePark,
                    b.localQueueCapacity, watchdog);
        }
        blocking = new BlockingPool(context, owned, prefix, b.maxBlockingThreads, b.blockingKeepAlive.toNanos());
    }

    /**
     * Starts building a runtime; the default is a multi-thread executor with one worker per core.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the runtime of the calling thread: the one whose worker runs the current task, or
     * whose {@link #blockOn(Future)} the thread is inside.
     *
     * @return the current runtime
     * @throws IllegalStateException "no Weft runtime on thread 'main': call current() from inside
     *     a task or blockOn"
     */
    public static WeftRuntime current() {
        RuntimeContext cx = RuntimeContext.current();
        if (cx == null) {
            throw new IllegalStateException("no Weft runtime on thread '" + Thread.currentThread().getName()
                    + "': call current() from inside a task or blockOn");
        }
        return (WeftRuntime) cx.facade;
    }

    /**
     * Whether the thread is a worker of some Weft runtime's multi-thread executor: a thread that
     * must never block, since every task queued behind it would wait. For tools that police
     * blocking calls (BlockHound: see the weft-integrations module).
     *
     * @param thread the thread to test
     * @return true for a Weft worker thread
     */
    public static boolean isWorkerThread(Thread thread) {
        return thread instanceof RuntimeContext.Owner;
    }

    /**
     * Spawns {@code future} as a task with a name, shown by {@link #dumpTasks()} with the time
     * since its last poll (and where it was spawned, if the runtime records spawn sites). A named
     * task reads the clock once per poll; use plain {@link #spawn(Future)} on hot paths.
     *
     * @param name the name, for diagnostics
     * @param future the future to run
     * @param <T> the type of its value
     * @return the handle
     * @throws NullPointerException if an argument is null
     */
    public <T> JoinHandle<T> spawn(String name, Future<T> future) {
        Checks.notNull(name, "name");
        Checks.notNull(future, "future");
        StackTraceElement[] site = recordSpawnSites ? new Throwable().getStackTrace() : null;
        if (site != null && site.length > 1) {
            site = java.util.Arrays.copyOfRange(site, 1, site.length); // drop this frame
        }
        return spawn(new NamedFuture<>(name, future, site));
    }

    /**
     * Every live task that has waited at least once: its name, state, time since its last poll
     * and (when recorded) where it was spawned. For finding a task that hangs. Takes each shard
     * lock of the task registry briefly; safe from any thread.
     *
     * @return the tasks, in no particular order
     */
    public java.util.List<TaskInfo> dumpTasks() {
        long now = System.nanoTime();
        java.util.List<TaskInfo> out = new java.util.ArrayList<>();
        for (Task<?> t : owned.snapshot()) {
            Object f = t.futureForDiagnostics();
            if (f instanceof NamedFuture) {
                NamedFuture<?> n = (NamedFuture<?>) f;
                out.add(new TaskInfo(n.name, t.describeState(), Duration.ofNanos(Math.max(0, now - n.lastPollEndNanos)), n.spawnedAt));
            } else {
                out.add(new TaskInfo("unnamed", t.describeState(), null, null));
            }
        }
        return out;
    }

    /**
     * Spawns {@code future} as a task. It is first polled on a worker (or by the current-thread
     * executor's blockOn), never inline.
     *
     * @param future the future to run; owned by the task from now on
     * @param <T> the type of its value
     * @return the handle to await or abort the task
     * @throws NullPointerException "future is null"
     */
    public <T> JoinHandle<T> spawn(Future<T> future) {
        Checks.notNull(future, "future");
        Task<T> task = new Task<>(future, scheduler);
        if (shutdown) {
            otherSpawns.increment();
            task.cancelForShutdown();
        } else if (!scheduler.spawn(task)) {
            task.cancelForShutdown();
        }
        return task;
    }

    /**
     * Runs blocking work (file I/O, JDBC, {@code Thread.sleep}) on the blocking pool, never on a
     * worker. The pool grows on demand up to its bound, then queues, and retires idle threads.
     * Inside the call {@link #current()} returns this runtime, and {@link #blockOn(Future)} may
     * be used (the pool's threads are allowed to block), as in tokio's {@code spawn_blocking}.
     *
     * <p><strong>Cancellation:</strong> aborting the handle before the call starts skips it; a
     * call already running is not interrupted by abort (shutdown does interrupt it).
     *
     * @param work the blocking call; an exception it throws fails the handle
     * @param <T> the type of its value
     * @return the handle to await or abort the call
     * @throws NullPointerException "work is null"
     */
    public <T> JoinHandle<T> spawnBlocking(Callable<? extends T> work) {
        Checks.notNull(work, "work");
        otherSpawns.increment();
        Task<T> task = new Task<>(new BlockingCall<T>(work), blocking);
        if (shutdown) {
            task.cancelForShutdown();
        } else {
            blocking.schedule(task);
        }
        return task;
    }

    /**
     * Runs {@code future} to completion on the calling thread, parking it between wakes (no busy
     * loop), and returns its value. On a current-thread runtime the calling thread also runs the
     * spawned tasks meanwhile.
     *
     * <p><strong>Errors:</strong> an unchecked exception of the future is rethrown as it is; a
     * checked one is wrapped in {@link java.util.concurrent.CompletionException}. If the runtime
     * is shut down while waiting, the future is cancelled and
     * {@link java.util.concurrent.CancellationException} is thrown.
     *
     * @param future the future to run
     * @param <T> the type of its value
     * @return the value
     * @throws NullPointerException "future is null"
     * @throws IllegalStateException when called on a runtime worker thread, or inside another
     *     blockOn: blocking there would stall tasks (the message names the thread)
     */
    public <T> T blockOn(Future<T> future) {
        Checks.notNull(future, "future");
        if (shutdown) {
            throw new IllegalStateException("blockOn called on a runtime that is shut down");
        }
        return scheduler.blockOn(future);
    }

    /**
     * A snapshot of this runtime's counters and queue depths: tasks spawned, waiting and queued,
     * polls, steals, parks, timers and registered sockets. Cheap enough to call every second
     * from a metrics exporter; safe from any thread.
     *
     * @return the snapshot
     */
    public RuntimeMetrics metrics() {
        SchedulerCounters c = new SchedulerCounters();
        scheduler.counters(c);
        return new RuntimeMetrics(workerCount, otherSpawns.sum() + c.spawned, owned.size(), c.polls, c.steals, c.parks,
                c.globalQueueDepth, c.localQueueDepths, time.size(), io.registeredCount());
    }

    /**
     * Shuts the runtime down: refuses new tasks, stops the workers after their current poll,
     * interrupts running blocking calls, then cancels every task that is left (their futures'
     * {@code cancel()} runs on the calling thread) and waits for every thread to end.
     *
     * @param timeout how long to wait for the threads
     * @return {@code true} if every runtime thread ended in time; {@code false} if one is still
     *     stuck in user code (its task is cancelled when that poll returns)
     * @throws NullPointerException "timeout is null"
     * @throws IllegalStateException when called from a task of this runtime, which cannot wait for
     *     its own thread to end
     */
    public synchronized boolean shutdown(Duration timeout) {
        Checks.notNull(timeout, "timeout");
        if (scheduler.isInside()) {
            throw new IllegalStateException("shutdown called from inside a task of this runtime on thread '"
                    + Thread.currentThread().getName() + "': a runtime cannot wait for its own threads; call it from outside");
        }
        long deadline = System.nanoTime() + Math.max(0L, timeout.toNanos());
        shutdown = true;
        owned.close();
        boolean workersStopped = scheduler.shutdown(deadline);
        boolean blockingStopped = blocking.shutdown(deadline);
        owned.cancelAll(); // cancel hooks close their sockets while the selector still exists
        if (workersStopped) {
            io.close(); // no worker selects any more
        }
        return workersStopped && blockingStopped;
    }

    /** Shuts down with a 10-second timeout: {@code shutdown(Duration.ofSeconds(10))}. */
    @Override
    public void close() {
        shutdown(CLOSE_TIMEOUT);
    }

    /**
     * Tells whether {@link #shutdown(Duration)} was called.
     *
     * @return {@code true} once shutdown has begun
     */
    public boolean isShutdown() {
        return shutdown;
    }

    /**
     * Moves a paused clock forward and fires the timers that are due by then, in deadline order.
     * The woken tasks run on the runtime as usual (on a current-thread runtime: at its next
     * blockOn). Time never moves on its own on such a runtime, so tests of timeouts and intervals
     * are deterministic and take no real time (tokio's {@code time::pause}).
     *
     * @param duration how far to move the clock; zero fires what is due now
     * @throws IllegalStateException "advanceTime requires a runtime built with pausedClock()"
     * @throws IllegalArgumentException "duration >= 0 required but it was PT-1S"
     * @throws NullPointerException "duration is null"
     */
    public void advanceTime(Duration duration) {
        Checks.notNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration >= 0 required but it was " + duration);
        }
        if (!(time.clock() instanceof Clock.Paused)) {
            throw new IllegalStateException("advanceTime requires a runtime built with pausedClock()");
        }
        ((Clock.Paused) time.clock()).advance(duration.toNanos());
        time.fireDue();
    }

    /**
     * Returns the number of worker threads; 1 for a current-thread runtime.
     *
     * @return the worker count
     */
    public int workerCount() {
        return workerCount;
    }

    /** Counts the tasks waiting to be woken; takes locks, so for tests and diagnostics. */
    int waitingTaskCount() {
        return owned.size();
    }

    /**
     * Configures a {@link WeftRuntime}.
     *
     * <p><strong>Thread safety:</strong> a builder is used by one thread.
     */
    public static final class Builder {
        private boolean currentThread;
        private int workerThreads = Runtime.getRuntime().availableProcessors();
        private int maxBlockingThreads = 512;
        private Duration blockingKeepAlive = Duration.ofSeconds(10);
        private String threadNamePrefix = "weft";
        private int spinsBeforePark = 1 << 9;
        /**
         * tokio's and Go's 256 made a burst of spawns (W1) overflow to the injector every 128
         * tasks: a batch array each time, and the injector's lock taken in turn with the worker
         * draining it. With 1,024 a burst overflows a quarter as often, and a full queue is
         * still only 4 KB.
         */
        private int localQueueCapacity = 1024;
        private boolean pausedClock;
        private java.util.concurrent.Executor executor;
        private Duration longPollThreshold;
        private boolean recordSpawnSites;
        private java.util.function.Consumer<? super LongPoll> longPollReporter;

        private Builder() {}

        /**
         * Makes {@link WeftRuntime#spawn(String, Future)} record where each named task was
         * spawned (a stack trace per spawn: for debugging, not for production hot paths), shown
         * by {@link WeftRuntime#dumpTasks()}.
         *
         * @return this builder
         */
        public Builder recordSpawnSites() {
            recordSpawnSites = true;
            return this;
        }

        /**
         * Turns on the long-poll watchdog of the multi-thread executor: a daemon thread that
         * reports, once per poll, any task poll still running after {@code threshold} (a blocking
         * call on a worker), with the worker's stack, to {@code reporter} and as the JFR event
         * {@code dev.weft.LongPoll}. Off by default; when on, each poll also reads the clock twice.
         *
         * @param threshold how long a poll may run before it is reported; positive
         * @param reporter receives the reports, on the watchdog thread
         * @return this builder
         * @throws IllegalArgumentException "longPollThreshold > 0 required but it was PT0S"
         * @throws NullPointerException if an argument is null
         */
        public Builder longPollWatchdog(Duration threshold, java.util.function.Consumer<? super LongPoll> reporter) {
            Checks.notNull(threshold, "threshold");
            if (threshold.isZero() || threshold.isNegative()) {
                throw new IllegalArgumentException("longPollThreshold > 0 required but it was " + threshold);
            }
            this.longPollThreshold = threshold;
            this.longPollReporter = Checks.notNull(reporter, "reporter");
            return this;
        }

        /**
         * Selects the multi-thread work-stealing executor (the default).
         *
         * @return this builder
         */
        public Builder multiThread() {
            currentThread = false;
            executor = null;
            return this;
        }

        /**
         * Selects the current-thread executor: tasks run on the thread inside blockOn.
         *
         * @return this builder
         */
        public Builder currentThread() {
            currentThread = true;
            executor = null;
            return this;
        }

        /**
         * Polls tasks on a foreign {@link java.util.concurrent.Executor} instead of the runtime's
         * own workers: each wake submits the task's next poll (a task is never polled twice at
         * once, so any thread pool will do). For running Weft tasks on the threads an application
         * already has, such as a Reactor or RxJava {@code Scheduler}'s. Timers and I/O are driven
         * by one thread of the runtime's own. A task whose poll the executor rejects is
         * cancelled. {@code blockOn} refuses to run on the executor's threads while they poll a
         * task, as on a worker.
         *
         * @param executor where task polls run
         * @return this builder
         * @throws NullPointerException "executor is null"
         */
        public Builder executor(java.util.concurrent.Executor executor) {
            this.executor = Checks.notNull(executor, "executor");
            currentThread = false;
            return this;
        }

        /**
         * Sets the number of workers of the multi-thread executor.
         *
         * @param count at least 1; default: the number of available processors
         * @return this builder
         * @throws IllegalArgumentException "workerThreads > 0 required but it was 0"
         */
        public Builder workerThreads(int count) {
            workerThreads = Checks.positive(count, "workerThreads");
            return this;
        }

        /**
         * Sets the bound of the blocking pool; calls beyond it wait in a queue.
         *
         * @param count at least 1; default 512
         * @return this builder
         * @throws IllegalArgumentException "maxBlockingThreads > 0 required but it was 0"
         */
        public Builder maxBlockingThreads(int count) {
            maxBlockingThreads = Checks.positive(count, "maxBlockingThreads");
            return this;
        }

        /**
         * Sets how long an idle blocking thread lives.
         *
         * @param keepAlive positive; default 10 seconds
         * @return this builder
         * @throws IllegalArgumentException "blockingKeepAlive > 0 required but it was PT0S"
         */
        public Builder blockingKeepAlive(Duration keepAlive) {
            Checks.notNull(keepAlive, "blockingKeepAlive");
            if (keepAlive.isNegative() || keepAlive.isZero()) {
                throw new IllegalArgumentException("blockingKeepAlive > 0 required but it was " + keepAlive);
            }
            blockingKeepAlive = keepAlive;
            return this;
        }

        /**
         * Sets the prefix of thread names: {@code prefix-N-worker-I}, {@code prefix-N-blocking-I}.
         *
         * @param prefix a non-empty name; default "weft"
         * @return this builder
         * @throws IllegalArgumentException "threadNamePrefix must not be empty"
         */
        public Builder threadNamePrefix(String prefix) {
            Checks.notNull(prefix, "threadNamePrefix");
            if (prefix.isEmpty()) {
                throw new IllegalArgumentException("threadNamePrefix must not be empty");
            }
            threadNamePrefix = prefix;
            return this;
        }

        /**
         * Gives the runtime a paused clock: it starts at zero and moves only through
         * {@link WeftRuntime#advanceTime(Duration)}, so timers fire exactly when a test says.
         *
         * @return this builder
         */
        public Builder pausedClock() {
            pausedClock = true;
            return this;
        }

        /**
         * Builds and starts the runtime.
         *
         * @return the runtime; close it to stop its threads
         */
        public WeftRuntime build() {
            return new WeftRuntime(this);
        }

        Builder localQueueCapacity(int capacity) {
            localQueueCapacity = capacity;
            return this;
        }
    }
}
