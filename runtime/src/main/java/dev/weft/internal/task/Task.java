package dev.weft.internal.task;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.util.Throwables;
import dev.weft.internal.util.Undeliverable;
import dev.weft.runtime.JoinHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;

/**
 * A spawned future: one state word, the future, its outcome, and the join waker. The task is its
 * own Waker, its own Context and its own JoinHandle, so spawning allocates one object beyond the
 * user's future and waking allocates nothing.
 */
public final class Task<T> implements JoinHandle<T>, Context, Waker, Runnable {
    /*
     * Implementation notes:
     *
     * State encoding: bits of `state`, each a constant below. Who may change what:
     *  - NOTIFIED is set by wake()/abort() and cleared by the runner when it starts a poll.
     *  - RUNNING is set and cleared by the runner only (a worker, or the shutdown thread).
     *  - COMPLETE is set once, by the runner, together with clearing RUNNING (one atomic add).
     *  - CANCELLED is set by abort() or shutdown, never cleared.
     *  - JOIN_WAKER is set and cleared by the JoinHandle's poller while not COMPLETE.
     *
     * Protocols:
     *  1. Wake (transitionToNotified): idle -> NOTIFIED submits the task to the scheduler; any
     *     other state only records NOTIFIED (or nothing, if COMPLETE or already NOTIFIED). So a
     *     task is in at most one queue, and a wake is one volatile read when it is already queued.
     *  2. Run: the runner CASes NOTIFIED -> RUNNING (clearing NOTIFIED), polls, then either
     *     completes (adds COMPLETE - RUNNING) or CASes RUNNING off. If NOTIFIED was set during the
     *     poll, it resubmits the task (yieldTask): a wake during a poll is never lost. Only the
     *     holder of RUNNING touches `future`, and two polls never overlap; the CAS to RUNNING
     *     (acquire) pairs with the CAS that cleared RUNNING after the previous poll (release), so
     *     each poll sees the previous one's writes even on another worker.
     *  3. Abort: sets CANCELLED. If the task was idle it also sets NOTIFIED and submits it, so the
     *     cancellation runs on a worker (cancel hooks run on the polling side, never on the
     *     aborting thread). A runner that sees CANCELLED, before a poll or after a pending one,
     *     cancels the future and completes with CancellationException. A poll that returns ready
     *     while CANCELLED is being set wins: abort racing completion has exactly one outcome.
     *  4. Join (tokio's protocol): the handle's poller writes `joinWaker` only while JOIN_WAKER is
     *     clear, then sets JOIN_WAKER with a CAS that fails if COMPLETE; the completer reads
     *     `joinWaker` only if its completing add saw JOIN_WAKER. The CAS (release) publishes the
     *     waker to the add (acquire). To change wakers the poller first clears JOIN_WAKER with a
     *     CAS that also fails if COMPLETE. `outcome` is written before the completing
     *     add (release) and read after the handle observes COMPLETE (acquire).
     *  5. Shutdown (cancelForShutdown): the caller claims a task that no runner holds by setting
     *     RUNNING|CANCELLED and cancels it like a runner. A task still RUNNING on a worker that
     *     did not stop only gets CANCELLED, handled by that worker when its poll returns.
     *     Shutdown must reach every task: a queued task is reached through its queue (each
     *     executor cancels what its queues hold), an idle one only through OwnedTasks, so a task
     *     is linked there when it first returns pending, by its runner, and a task that finishes
     *     in its first poll never touches that shared registry. If OwnedTasks is already closed
     *     the runner cancels the task instead of letting it wait.
     */

    /** Woken and not yet polled: the task is in a run queue, or its runner will requeue it. */
    static final int NOTIFIED = 1;
    /** A thread holds the right to poll the future; excludes any other poll. */
    static final int RUNNING = 1 << 1;
    /** The outcome is fixed; no more polls, wakes are ignored. Never cleared. */
    static final int COMPLETE = 1 << 2;
    /** Abort was requested; the next runner cancels instead of polling. Never cleared. */
    static final int CANCELLED = 1 << 3;
    /** `joinWaker` holds the handle poller's waker, to be woken on completion. */
    static final int JOIN_WAKER = 1 << 4;
    /**
     * A new task is created NOTIFIED because spawn queues it in the same step; a wake that arrives
     * before the first poll therefore does not queue it a second time.
     */
    static final int INITIAL_STATE = NOTIFIED;

    /** The budget of one poll: about as many leaf operations as tokio allows (128). */
    public static final int BUDGET = 128;

    private volatile int state; // INITIAL_STATE, stored plainly by the constructor
    private Future<T> future;
    private final Scheduler scheduler;
    /**
     * The outcome: the value, or a Failure holding the exception. Written before COMPLETE. The
     * value is kept bare, not in the Poll the future returned: completed tasks awaiting their
     * joiner can number a million, and the Poll built at join time dies young instead.
     */
    private Object outcome;
    private Waker joinWaker;
    private int budget;
    /**
     * Intrusive links for OwnedTasks; guarded by the lock of shard `ownedShard`, which is -1 while
     * the task is not linked. The runner reads ownedShard without the lock: only the runner links
     * a task, and a stale read of a concurrent shutdown unlink is handled by CANCELLED (protocol 5).
     */
    Task<?> ownedPrev;
    Task<?> ownedNext;
    int ownedShard = -1;

    /**
     * Fields are kept few on purpose: a workload that keeps a million tasks alive pays for every
     * byte in GC copying. 48 bytes with compressed oops (the runtime's owned-task registry and
     * the handle's "joined" flag have no fields of their own).
     */
    public Task(Future<T> future, Scheduler scheduler) {
        this.future = future;
        this.scheduler = scheduler;
        // A plain store: a volatile initializer is a full fence per spawn (11 % of W1's spawner
        // in a CPU profile). Other threads reach the task through a run queue (a release store
        // or a lock) or through its handle, which like any object must be published safely;
        // either way this store is published with it.
        STATE.set(this, INITIAL_STATE);
    }

    /** The outcome after the handle returned it: polling again is a caller bug. */
    private static final Object JOINED = new Object();

    /** A failed outcome; a wrapper, so a task whose value is a Throwable is not mistaken for one. */
    private static final class Failure {
        final Throwable error;

        Failure(Throwable error) {
            this.error = error;
        }
    }

    // ------------------------------------------------------------------ waking (protocol 1)

    @Override
    public void wake() {
        if (transitionToNotified()) {
            scheduler.schedule(this);
        }
    }

    /** Records a wake; returns true if the caller must submit the task to its scheduler. */
    boolean transitionToNotified() {
        for (;;) {
            int s = state;
            if ((s & (NOTIFIED | COMPLETE)) != 0) {
                return false;
            }
            // Idle: we submit it. Running: the runner resubmits it after its poll.
            if (STATE.compareAndSet(this, s, s | NOTIFIED)) {
                return (s & RUNNING) == 0;
            }
        }
    }

    @Override
    public Waker waker() {
        return this;
    }

    @Override
    public boolean tryConsumeBudget() {
        if (budget > 0) {
            budget--;
            return true;
        }
        wake();
        return false;
    }

    // ------------------------------------------------------------------ running (protocol 2)

    /** Polls the task once; called by an executor for a task it took from a run queue. */
    @Override
    public void run() {
        int s;
        for (;;) {
            s = state;
            if ((s & (COMPLETE | RUNNING)) != 0) {
                return; // cancelled by shutdown while queued; the queue entry is stale
            }
            if (STATE.compareAndSet(this, s, (s & ~NOTIFIED) | RUNNING)) {
                break;
            }
        }
        if ((s & CANCELLED) != 0) {
            cancelAndComplete();
            return;
        }
        budget = BUDGET;
        Poll<T> p;
        try {
            p = future.poll(this);
        } catch (Throwable t) {
            complete(new Failure(t));
            return;
        }
        if (p.isReady()) {
            complete(p.value());
            return;
        }
        if (ownedShard < 0 && !scheduler.ownedTasks().bind(this)) {
            // About to wait for the first time, but the runtime is shutting down (protocol 5).
            cancelAndComplete();
            return;
        }
        for (;;) {
            s = state;
            if ((s & CANCELLED) != 0) {
                cancelAndComplete(); // we still hold RUNNING, so the future is ours to cancel
                return;
            }
            if (STATE.compareAndSet(this, s, s & ~RUNNING)) {
                if ((s & NOTIFIED) != 0) {
                    scheduler.yieldTask(this); // woken during the poll
                }
                return;
            }
        }
    }

    private void cancelAndComplete() {
        Future<T> f = future;
        try {
            f.cancel();
        } catch (Throwable t) {
            Undeliverable.report(t);
        }
        complete(new Failure(new CancellationException("task was aborted")));
    }

    /** Fixes the outcome (a value or a Failure); the caller holds RUNNING. */
    private void complete(Object result) {
        outcome = result;
        future = null; // release what the future retained
        // Leave the registry before COMPLETE is visible, so whoever sees the outcome (a joiner,
        // then metrics) never still counts this task as waiting. Shutdown no longer needs to
        // reach it: we hold RUNNING and finish it here.
        if (ownedShard >= 0) {
            scheduler.ownedTasks().remove(this);
        }
        // RUNNING is set and COMPLETE clear, so adding COMPLETE - RUNNING clears one and sets the
        // other, its carry stopping at the clear COMPLETE bit, and leaves every other bit as it
        // is (release, publishing the outcome; acquire, seeing a joinWaker published under
        // JOIN_WAKER). An add, not the xor it equals here: getAndAdd is one LOCK XADD, while
        // getAndBitwiseXor is a compare-and-swap loop, whose retry branch, never taken while C2
        // profiles, became a deoptimization of the whole compiled worker loop the first time a
        // joiner's CAS raced a completion.
        int prev = (int) STATE.getAndAdd(this, COMPLETE - RUNNING);
        if ((prev & JOIN_WAKER) != 0) {
            try {
                joinWaker.wake();
            } catch (Throwable t) {
                Undeliverable.report(t);
            }
        }
    }

    // ------------------------------------------------------------------ abort (protocols 3, 5)

    @Override
    public void abort() {
        for (;;) {
            int s = state;
            if ((s & (COMPLETE | CANCELLED)) != 0) {
                return;
            }
            if ((s & (RUNNING | NOTIFIED)) != 0) {
                // A runner holds it or it is queued: the runner will see CANCELLED.
                if (STATE.compareAndSet(this, s, s | CANCELLED)) {
                    return;
                }
            } else if (STATE.compareAndSet(this, s, s | CANCELLED | NOTIFIED)) {
                scheduler.schedule(this);
                return;
            }
        }
    }

    /** Shutdown: cancels the task here if no runner holds it (protocol 5). */
    public void cancelForShutdown() {
        for (;;) {
            int s = state;
            if ((s & COMPLETE) != 0) {
                return;
            }
            if ((s & RUNNING) != 0) {
                if (STATE.compareAndSet(this, s, s | CANCELLED)) {
                    return;
                }
            } else if (STATE.compareAndSet(this, s, s | RUNNING | CANCELLED)) {
                cancelAndComplete();
                return;
            }
        }
    }

    @Override
    public boolean isFinished() {
        return (state & COMPLETE) != 0;
    }

    // ------------------------------------------------------------------ joining (protocol 4)

    @Override
    public Poll<T> poll(Context cx) {
        if (outcome == JOINED) {
            throw new IllegalStateException("JoinHandle polled after it completed");
        }
        int s = state;
        if ((s & COMPLETE) == 0) {
            Waker w = cx.waker();
            if ((s & JOIN_WAKER) == 0) {
                joinWaker = w;
                if (setJoinWaker()) {
                    return Poll.pending();
                }
            } else {
                if (joinWaker == w) {
                    return Poll.pending();
                }
                if (unsetJoinWaker()) {
                    joinWaker = w;
                    if (setJoinWaker()) {
                        return Poll.pending();
                    }
                }
            }
            // COMPLETE was set meanwhile: fall through and read the outcome.
        }
        // Only a poll that hands over the outcome is charged (tokio restores the budget of an
        // operation that returns pending). A joiner registering on many unfinished handles does
        // no work worth yielding for: charging it made joinAll of 100,000 handles yield every
        // 128 registrations, and each yield queued it behind every runnable task.
        if (!cx.tryConsumeBudget()) {
            return Poll.pending(); // the outcome stays for the next poll; the task was woken
        }
        Object o = outcome;
        outcome = JOINED; // the joiner owns the value now; do not retain it
        if (o instanceof Failure) {
            throw Throwables.sneakyThrow(((Failure) o).error);
        }
        @SuppressWarnings("unchecked")
        T value = (T) o;
        return Poll.ready(value);
    }

    /** Stops waiting: drops the registered join waker; the task runs on. */
    @Override
    public void cancel() {
        if ((state & JOIN_WAKER) != 0 && unsetJoinWaker()) {
            joinWaker = null;
        }
    }

    private boolean setJoinWaker() {
        for (;;) {
            int s = state;
            if ((s & COMPLETE) != 0) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s | JOIN_WAKER)) {
                return true;
            }
        }
    }

    private boolean unsetJoinWaker() {
        for (;;) {
            int s = state;
            if ((s & COMPLETE) != 0) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s & ~JOIN_WAKER)) {
                return true;
            }
        }
    }

    /** For tests and stress tests: the raw state word, read through the named constants. */
    int state() {
        return state;
    }

    @Override
    public String toString() {
        int s = state;
        return "Task[" + ((s & COMPLETE) != 0 ? "complete" : (s & RUNNING) != 0 ? "running"
                : (s & NOTIFIED) != 0 ? "notified" : "idle") + ((s & CANCELLED) != 0 ? ", cancelled]" : "]");
    }

    // VarHandle mechanics
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Task.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** For the task dump: "running", "queued", "waiting", or "finishing" from the state word (racy). */
    public String describeState() {
        int s = state;
        if ((s & RUNNING) != 0) {
            return "running";
        }
        if ((s & COMPLETE) != 0) {
            return "finishing";
        }
        if ((s & NOTIFIED) != 0) {
            return "queued";
        }
        return "waiting";
    }

    /** For the task dump: the future the task runs (racy; null once it completed). */
    public Future<?> futureForDiagnostics() {
        return future;
    }
}
