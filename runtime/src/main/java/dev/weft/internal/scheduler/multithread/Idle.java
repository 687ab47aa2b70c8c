package dev.weft.internal.scheduler.multithread;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Which workers are parked and how many are searching for work, so a new task wakes a parked
 * worker only when no worker is already searching (tokio's idle.rs).
 */
final class Idle {
    /*
     * Implementation notes:
     *
     * `state` packs num_searching (low 16 bits) and num_unparked (the rest). `sleepers` is the
     * stack of parked workers' indexes, guarded by `this`; every change of num_unparked happens
     * under the same lock, so the list and the count agree.
     *
     * Protocols:
     *  1. Notify (after publishing a task): a full fence, then read the counters; if a worker
     *     searches, or none is parked, do nothing. Otherwise, under the lock, pop a sleeper and
     *     count it as unparked AND searching before unparking it, so a burst of spawns wakes one
     *     worker, not all of them.
     *  2. Park: under the lock, decrement num_unparked (and num_searching if it was searching)
     *     and push the worker. If it was the last searcher it re-checks every queue afterwards and
     *     notifies if it finds work. This closes the store-load race: a producer publishes then
     *     reads the counters (1); the parking worker changes the counters then reads the queues
     *     (2). Both orders are sequentially consistent (fence / atomic RMW, then volatile reads),
     *     so at least one side sees the other: tokio had a lost wakeup exactly here.
     *  3. At most half the workers search at a time (more would only contend on the victims).
     *  4. A push to the pushing worker's OWN local queue (spawn or wake on a worker) skips the
     *     fence of protocol 1 and reads the counters racily. The store-load race it reopens is
     *     benign there: a task in a worker's local queue is always run by that worker when its
     *     current poll returns, so a missed notification delays parallelism, it never strands a
     *     task. (Go's scheduler makes the same trade for local run-queue puts in newproc/wakep.)
     *     The fence would cost about 40 ns per spawn here, because it must drain a store buffer
     *     full of the new task's allocation writes. Pushes to the injector, which no worker owns,
     *     always take the fenced path.
     *  5. Likewise only a push that makes a local queue non-empty notifies at all (as
     *     ForkJoinPool's WorkQueue.push signals only on an empty queue): after that push a worker
     *     was woken or one is searching, and a worker parks only after re-checking every queue as
     *     the last searcher (protocol 2), so later pushes to the same queue are found by it.
     */

    private static final int UNPARK_SHIFT = 16;
    private static final int SEARCH_MASK = (1 << UNPARK_SHIFT) - 1;

    private final int numWorkers;
    private volatile int state;
    private final int[] sleepers;
    private int numSleepers;

    Idle(int numWorkers) {
        this.numWorkers = numWorkers;
        this.sleepers = new int[numWorkers];
        this.state = numWorkers << UNPARK_SHIFT;
    }

    static int searching(int s) {
        return s & SEARCH_MASK;
    }

    static int unparked(int s) {
        return s >>> UNPARK_SHIFT;
    }

    private boolean shouldWake() {
        int s = state;
        return searching(s) == 0 && unparked(s) < numWorkers;
    }

    /** Protocol 1: the index of a worker to unpark, or -1. */
    int workerToNotify() {
        VarHandle.fullFence(); // order the caller's publishing store before our loads
        return workerToNotifyRacy();
    }

    /** Protocol 4: as workerToNotify, without the fence, after a push to the caller's own queue. */
    int workerToNotifyRacy() {
        if (!shouldWake()) {
            return -1;
        }
        synchronized (this) {
            if (!shouldWake() || numSleepers == 0) {
                return -1;
            }
            STATE.getAndAdd(this, 1 | (1 << UNPARK_SHIFT));
            return sleepers[--numSleepers];
        }
    }

    /** Protocol 2: returns true if the worker was the last one searching. */
    boolean transitionWorkerToParked(int worker, boolean isSearching) {
        synchronized (this) {
            int dec = (1 << UNPARK_SHIFT) | (isSearching ? 1 : 0);
            int prev = (int) STATE.getAndAdd(this, -dec);
            sleepers[numSleepers++] = worker;
            return isSearching && searching(prev) == 1;
        }
    }

    /** Protocol 3: true if the worker may search. */
    boolean transitionWorkerToSearching() {
        int s = state;
        if (2 * searching(s) >= numWorkers) {
            return false;
        }
        // Racy check then add: a few more searchers than half is harmless (tokio does the same).
        STATE.getAndAdd(this, 1);
        return true;
    }

    /** Returns true if the worker was the last searcher, and so must wake another one. */
    boolean transitionWorkerFromSearching() {
        int prev = (int) STATE.getAndAdd(this, -1);
        return searching(prev) == 1;
    }

    /**
     * A worker that wakes with work of its own (not notified) leaves the sleepers. Returns true if
     * it was still listed, i.e. nobody had notified it (so it is not counted as searching).
     */
    boolean unparkWorkerById(int worker) {
        synchronized (this) {
            for (int i = 0; i < numSleepers; i++) {
                if (sleepers[i] == worker) {
                    sleepers[i] = sleepers[--numSleepers];
                    STATE.getAndAdd(this, 1 << UNPARK_SHIFT);
                    return true;
                }
            }
            return false;
        }
    }

    /** Whether the worker is still listed as parked (a wake without notification was spurious). */
    boolean isParked(int worker) {
        synchronized (this) {
            for (int i = 0; i < numSleepers; i++) {
                if (sleepers[i] == worker) {
                    return true;
                }
            }
            return false;
        }
    }

    // VarHandle mechanics
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Idle.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
