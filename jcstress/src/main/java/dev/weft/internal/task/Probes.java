package dev.weft.internal.task;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.util.concurrent.atomic.AtomicInteger;

/** Test doubles shared by the task stress tests: each counts what the protocol under test did. */
final class Probes {
    private Probes() {}

    /** A state word with no bit set: the task is neither queued, running nor finished. */
    static final int IDLE = 0;

    /** Counts submissions; a task must reach its scheduler exactly once per idle -> notified edge. */
    static final class CountingScheduler implements Scheduler {
        final AtomicInteger scheduled = new AtomicInteger();
        final AtomicInteger yielded = new AtomicInteger();
        private final OwnedTasks owned = new OwnedTasks(1);

        @Override
        public void schedule(Task<?> task) {
            scheduled.incrementAndGet();
        }

        @Override
        public void yieldTask(Task<?> task) {
            yielded.incrementAndGet();
        }

        @Override
        public OwnedTasks ownedTasks() {
            return owned;
        }
    }

    /**
     * A future that returns pending until {@code readyAfter} polls were made, records whether a poll
     * saw {@link #event} set, and detects a cancel that overlaps a poll.
     */
    static final class ProbeFuture implements Future<Integer> {
        final int readyAfter;
        volatile int event;
        int polls;
        int sawEvent;
        final AtomicInteger cancels = new AtomicInteger();
        volatile boolean inPoll;
        volatile boolean overlapped;

        ProbeFuture(int readyAfter) {
            this.readyAfter = readyAfter;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            inPoll = true;
            sawEvent |= event;
            polls++;
            inPoll = false;
            return polls >= readyAfter ? Poll.ready(42) : Poll.pending();
        }

        @Override
        public void cancel() {
            if (inPoll) {
                overlapped = true;
            }
            cancels.incrementAndGet();
        }
    }

    /** A waker that counts its wakes. */
    static final class CountingWaker implements Waker {
        final AtomicInteger wakes = new AtomicInteger();

        @Override
        public void wake() {
            wakes.incrementAndGet();
        }
    }

    /** Creates a task and runs its first poll (pending), leaving it idle and registered. */
    static Task<Integer> idleTask(ProbeFuture f, CountingScheduler s) {
        Task<Integer> t = new Task<>(f, s);
        t.run();
        if (t.state() != IDLE) {
            throw new AssertionError("setup: expected an idle task, state " + t.state());
        }
        return t;
    }

    /** What awaiting the handle gives: 1 for the value, 2 for CancellationException, 0 pending. */
    static int joinOutcome(Task<Integer> t) {
        try {
            Poll<Integer> p = t.poll(Context.of(() -> {}));
            return p.isReady() ? (p.value() == 42 ? VALUE : 3) : PENDING;
        } catch (java.util.concurrent.CancellationException e) {
            return CANCELLED_OUTCOME;
        }
    }

    static final int PENDING = 0;
    static final int VALUE = 1;
    static final int CANCELLED_OUTCOME = 2;
}
