package dev.weft.internal.scheduler.multithread;

import dev.weft.internal.driver.ThreadParker;
import dev.weft.internal.task.Task;

/** One worker's loop and its private state; every field but `local` and `parker` is owner-only. */
final class Worker implements Runnable {
    /** Check the injector first every this many tasks, so remote work is not starved (tokio: 61). */
    static final int GLOBAL_QUEUE_INTERVAL = 61;
    /** LIFO polls in a row before the slot's task goes to the back of the queue (tokio: 3). */
    static final int MAX_LIFO_POLLS = 3;

    final MultiThreadScheduler shared;
    final int index;
    final LocalQueue local;
    final ThreadParker parker;
    WorkerThread thread;

    private Task<?> lifo;
    /**
     * The local queue was made non-empty by a yield that notified no one (yieldLocal), so the
     * next push notifies in its place. Stale after the worker takes the task back, which costs
     * at most one needless notification check.
     */
    private boolean unannounced;
    private boolean searching;
    private int tick;
    private int seed;

    Worker(MultiThreadScheduler shared, int index, int localQueueCapacity, int spins) {
        this.shared = shared;
        this.index = index;
        this.local = new LocalQueue(localQueueCapacity);
        this.parker = new ThreadParker(spins);
        this.seed = 0x9E3779B9 * (index + 1);
    }

    @Override
    public void run() {
        parker.bind(Thread.currentThread());
        try {
            while (!shared.isShutdown()) {
                tick++;
                if (tick % GLOBAL_QUEUE_INTERVAL == 0) {
                    maintenance();
                }
                Task<?> t = nextTask();
                if (t == null) {
                    t = stealWork();
                }
                if (t != null) {
                    runTask(t);
                } else {
                    park();
                }
            }
        } finally {
            // Shutting down: cancel what only this worker can reach (Task protocol 5).
            if (lifo != null) {
                lifo.cancelForShutdown();
                lifo = null;
            }
            for (Task<?> t = local.pop(); t != null; t = local.pop()) {
                t.cancelForShutdown();
            }
        }
    }

    /**
     * Called on this worker's thread only. The LIFO slot is for message passing: the woken task
     * runs next, while what its waker just produced is still in this core's cache. With a backlog
     * in the local queue the task queues behind it instead: jumping the backlog would be unfair to
     * it, and a task woken by one of many completions (a joiner awaiting many handles) then finds
     * more of them done when it runs, instead of being polled once per completion.
     */
    void scheduleLocal(Task<?> task) {
        if (local.hasTasks()) {
            local.pushBack(task, shared.injector);
            if (unannounced) {
                announce(); // the push that made the queue non-empty woke no one
            }
            return; // not empty before: Idle protocol 5, no notification needed
        }
        Task<?> prev = lifo;
        lifo = task;
        if (prev != null) {
            pushBackAndNotify(prev);
        }
    }

    /**
     * A task woken during its own poll (budget spent, yieldNow), or taken from the LIFO slot at
     * its cap, goes to the back of the queue.
     * When the queue was empty and the LIFO slot is too, the yielder is the only task this worker
     * has, and the worker polls it again as soon as this poll returns (Idle protocol 4: a local
     * task is never stranded). Waking a parked worker then buys no parallelism: it could only
     * steal that one task, and a task that streams items yields once per budget, so a W5 run
     * cost 14,000-29,000 futex wakes and parks and ran at 7-25 M items/s instead of 26-28 M.
     * The queue is then non-empty without a notification, which protocol 5 takes for granted,
     * so the next push to it notifies instead.
     */
    void yieldLocal(Task<?> task) {
        if (lifo == null && !local.hasTasks()) {
            local.pushBack(task, shared.injector);
            unannounced = true;
        } else {
            pushBackAndNotify(task); // other runnable tasks: another worker can take some
        }
    }

    /** Pushes to the back of the local queue, notifying as Idle protocols 4 and 5 require. */
    private void pushBackAndNotify(Task<?> task) {
        if (local.pushBack(task, shared.injector) || unannounced) {
            announce();
        }
    }

    /** For tests: whether the next push to the local queue must notify in a yield's place. */
    boolean unannounced() {
        return unannounced;
    }

    private void announce() {
        unannounced = false;
        shared.notifyParkedLocal();
    }

    /** Owner only; package-private for the LIFO stress test. */
    Task<?> nextTask() {
        if (tick % GLOBAL_QUEUE_INTERVAL == 0) {
            Task<?> t = shared.injector.pop();
            if (t != null) {
                return t;
            }
        }
        Task<?> t = lifo;
        if (t != null) {
            lifo = null;
            return t;
        }
        t = local.pop();
        if (t != null) {
            return t;
        }
        return takeFromInjector();
    }

    /** Moves a fair share of the injector into the local queue and returns the first task. */
    private Task<?> takeFromInjector() {
        int queued = shared.injector.length();
        if (queued == 0) {
            return null;
        }
        int share = Math.min(queued / shared.workers.length + 1, local.capacity() / 2);
        if (local.refillFrom(shared.injector, share) == 0) {
            // Nothing moved: another worker emptied the injector meanwhile, or there is no room
            // because a stealer is still copying out of a full queue (rare). Take one if any.
            return shared.injector.pop();
        }
        return local.pop();
    }

    // Metrics, written by this worker only and read racily by WeftRuntime.metrics() (64-bit
    // plain longs do not tear; a reader may see a slightly old value, which metrics tolerate).
    long spawned;
    long polls;
    long steals;
    long parks;

    /**
     * When the long-poll watchdog is on: System.nanoTime() at the start of the running poll, 0
     * between polls. Written by this worker (volatile, so the watchdog sees it), read by the
     * watchdog thread.
     */
    volatile long pollStartNanos;

    /** Whether the LIFO slot holds a task (racy; for metrics). */
    boolean lifoOccupied() {
        return lifo != null;
    }

    private void runTask(Task<?> task) {
        if (searching) {
            // Found work: stop searching, and if we were the last searcher wake another worker
            // to search, since there may be more work where this came from.
            searching = false;
            if (shared.idle.transitionWorkerFromSearching()) {
                shared.notifyParked();
            }
        }
        polls++;
        poll(task);
        for (int lifoPolls = 0;; lifoPolls++) {
            Task<?> next = lifo;
            if (next == null) {
                return;
            }
            lifo = null;
            if (lifoPolls >= MAX_LIFO_POLLS) {
                // A ping-pong pair would otherwise hold this worker forever: the task goes to
                // the back of the queue, behind whatever else is runnable here. A yield, not a
                // push: when the pair is all this worker has, waking a parked worker buys nothing
                // (it could only take one of a pair that runs one at a time). W2 paid 25,000-
                // 40,000 futex wakes and parks per million round trips for it, at 3.2-3.3 M
                // round trips/s in a warm loop against 5.6-6.7 M without.
                yieldLocal(next);
                return;
            }
            polls++;
            poll(next);
        }
    }

    /** Runs one poll, timed for the watchdog and JFR only when they are on. */
    private void poll(Task<?> task) {
        if (shared.watchdog == null && !dev.weft.internal.diagnostics.TaskPollEvent.EMIT) {
            task.run();
            return;
        }
        dev.weft.internal.diagnostics.TaskPollEvent event = null;
        if (dev.weft.internal.diagnostics.TaskPollEvent.EMIT) {
            event = new dev.weft.internal.diagnostics.TaskPollEvent();
            event.begin();
        }
        if (shared.watchdog != null) {
            pollStartNanos = System.nanoTime();
        }
        try {
            task.run();
        } finally {
            if (shared.watchdog != null) {
                pollStartNanos = 0;
            }
            if (event != null && event.shouldCommit()) {
                event.worker = index;
                event.commit();
            }
        }
    }

    private Task<?> stealWork() {
        if (!searching) {
            if (!shared.idle.transitionWorkerToSearching()) {
                return null;
            }
            searching = true;
        }
        Worker[] all = shared.workers;
        int n = all.length;
        int start = nextRandom(n);
        for (int i = 0; i < n; i++) {
            Worker victim = all[(start + i) % n];
            if (victim == this) {
                continue;
            }
            Task<?> t = victim.local.stealInto(local);
            if (t != null) {
                steals++;
                return t;
            }
        }
        return takeFromInjector();
    }

    private void park() {
        if (lifo != null || local.hasTasks()) {
            return;
        }
        parks++;
        dev.weft.internal.diagnostics.WorkerParkEvent parkEvent = new dev.weft.internal.diagnostics.WorkerParkEvent();
        parkEvent.begin();
        try {
            parkUntilWoken();
        } finally {
            if (parkEvent.shouldCommit()) {
                parkEvent.worker = index;
                parkEvent.commit();
            }
        }
    }

    private void parkUntilWoken() {
        boolean lastSearcher = shared.idle.transitionWorkerToParked(index, searching);
        searching = false;
        if (lastSearcher) {
            shared.notifyIfWorkPending();
        }
        while (!shared.isShutdown()) {
            if (shared.tryAcquireDriver(this)) {
                // This worker sleeps in the selector until I/O, the next timer or a wake; the
                // others sleep on their parkers until notified.
                shared.io.prepareSelect();
                long nanos = shared.time.nanosUntilNextDeadline();
                if (!parker.tryConsume()) {
                    shared.io.select(nanos);
                    parker.tryConsume(); // an unpark that arrived with the selector wakeup
                } else {
                    shared.io.skipSelect();
                }
                shared.releaseDriver(this);
                shared.time.fireDue(); // wakes land in this worker's queues
                if (transitionFromParked()) {
                    if (shared.time.hasTimers()) {
                        // Leaving to run tasks: hand the timed sleep to a parked worker, or a long
                        // poll here would delay every later timer.
                        shared.notifyParked();
                    }
                    return;
                }
                continue;
            }
            parker.park();
            if (transitionFromParked()) {
                return;
            }
        }
    }

    /**
     * Between tasks, every GLOBAL_QUEUE_INTERVAL: fire due timers, and collect I/O readiness
     * without blocking if no other worker is in the selector, so a busy runtime still sees I/O.
     */
    private void maintenance() {
        shared.time.fireDue(); // cheap when nothing is due
        if (shared.io.needsPolling() && shared.tryAcquireDriver(this)) {
            shared.io.selectNow();
            shared.releaseDriver(this);
        }
    }

    /** After a park returns: true if this worker should run again, false if the wake was spurious. */
    private boolean transitionFromParked() {
        if (lifo != null || local.hasTasks()) {
            // Work of our own (a wake from this thread): leave the sleepers; search only if notified.
            searching = !shared.idle.unparkWorkerById(index);
            return true;
        }
        if (shared.idle.isParked(index)) {
            return false;
        }
        searching = true; // notified: the notifier counted us as searching
        return true;
    }

    private int nextRandom(int bound) {
        int x = seed;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        seed = x;
        return (x & Integer.MAX_VALUE) % bound;
    }
}
