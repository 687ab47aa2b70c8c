package dev.weft.internal.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.future.AtomicWaker;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.WeftRuntime;
import dev.weft.testing.NoUndeliverableErrors;
import dev.weft.testing.Race;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Races the task state machine's parties (wakers, runners, abort, the join handle) many thousands
 * of times and checks the invariants of Task's implementation notes after each race.
 */
@ExtendWith(NoUndeliverableErrors.class)
class TaskStressTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    /** Counts concurrent polls and polls after completion; both must stay zero. */
    static final class Probe implements Future<Integer> {
        final AtomicInteger inPoll = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        final AtomicInteger pollsAfterReady = new AtomicInteger();
        final AtomicInteger cancels = new AtomicInteger();
        final AtomicWaker waker = new AtomicWaker();
        final AtomicInteger produced = new AtomicInteger();
        final int target;
        int consumed;
        volatile boolean ready;

        Probe(int target) {
            this.target = target;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            if (inPoll.getAndIncrement() != 0) {
                overlaps.incrementAndGet();
            }
            try {
                if (ready) {
                    pollsAfterReady.incrementAndGet();
                }
                waker.register(cx.waker()); // register, then check: the AtomicWaker contract
                consumed = produced.get();
                if (consumed >= target) {
                    ready = true;
                    return Poll.ready(consumed);
                }
                return Poll.pending();
            } finally {
                inPoll.decrementAndGet();
            }
        }

        void produce() {
            produced.incrementAndGet();
            waker.wake();
        }

        @Override
        public void cancel() {
            cancels.incrementAndGet();
        }
    }

    @Test
    void wakesFromManyThreadsNeverLoseTheLastEventNorOverlapPolls() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
                for (int round = 0; round < 2_000; round++) {
                    Probe p = new Probe(200);
                    JoinHandle<Integer> h = rt.spawn(p);
                    Race.run(() -> {
                        for (int i = 0; i < 100; i++) {
                            p.produce();
                        }
                    }, () -> {
                        for (int i = 0; i < 100; i++) {
                            p.produce();
                        }
                    });
                    assertEquals(200, rt.blockOn(h), "round " + round);
                    assertEquals(0, p.overlaps.get(), "two polls overlapped in round " + round);
                    assertEquals(0, p.pollsAfterReady.get(), "polled after ready in round " + round);
                }
            }
        });
    }

    @Test
    void wakesAfterCompletionAreHarmless() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            Probe p = new Probe(0);
            AtomicReference<Waker> w = new AtomicReference<>();
            JoinHandle<Integer> h = rt.spawn(cx -> {
                w.set(cx.waker());
                return p.poll(cx);
            });
            assertEquals(0, rt.blockOn(h));
            for (int i = 0; i < 1_000; i++) {
                w.get().wake();
            }
            assertEquals(0, p.pollsAfterReady.get());
            assertTrue(h.isFinished());
        }
    }

    @Test
    void abortRacingCompletionHasExactlyOneOutcome() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
                int cancelled = 0;
                int completed = 0;
                for (int round = 0; round < 10_000; round++) {
                    Probe p = new Probe(1);
                    JoinHandle<Integer> h = rt.spawn(p);
                    Race.run(p::produce, h::abort);
                    boolean wasCancelled;
                    try {
                        assertEquals(1, rt.blockOn(h));
                        completed++;
                        wasCancelled = false;
                        assertEquals(0, p.cancels.get(), "a completed task was also cancelled, round " + round);
                    } catch (CancellationException e) {
                        cancelled++;
                        wasCancelled = true;
                        assertEquals(1, p.cancels.get(), "a cancelled task's future must be cancelled once, round " + round);
                    }
                    // The final state word, read through the constants the code uses.
                    int state = ((Task<?>) h).state();
                    assertTrue((state & Task.COMPLETE) != 0, "COMPLETE after the outcome, round " + round);
                    assertEquals(0, state & Task.RUNNING, "no runner holds a completed task, round " + round);
                    if (wasCancelled) {
                        assertTrue((state & Task.CANCELLED) != 0, "a cancellation outcome implies CANCELLED, round " + round);
                    }
                    assertEquals(0, p.overlaps.get());
                }
                assertEquals(10_000, cancelled + completed);
            }
        });
    }

    @Test
    void joinRacingCompletionAlwaysWakesTheJoiner() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
                for (int round = 0; round < 20_000; round++) {
                    // The joiner is a task on one worker; the joined task completes on either.
                    Probe p = new Probe(1);
                    JoinHandle<Integer> inner = rt.spawn(p);
                    JoinHandle<Integer> outer = rt.spawn(Futures.map(inner, x -> x + 1));
                    p.produce();
                    assertEquals(2, rt.blockOn(outer), "round " + round);
                }
            }
        });
    }

    @Test
    void spawnFromOutsideWhileWorkersParkNeverStrandsATask() {
        // Each round finds the workers idle (parking or spinning): a lost unpark hangs here.
        assertTimeoutPreemptively(LIMIT, () -> {
            try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
                for (int round = 0; round < 50_000; round++) {
                    int v = round;
                    assertEquals(v, rt.blockOn(rt.spawn(Futures.lazy(() -> v))));
                }
            }
        });
    }

    @Test
    void manyTasksWakingEachOtherAcrossWorkersAllFinish() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
                for (int round = 0; round < 50; round++) {
                    // A ring: task i waits for i-1 to finish, so every completion wakes a task
                    // that may sit on the other worker, in a queue, or in the LIFO slot.
                    List<JoinHandle<Integer>> ring = new ArrayList<>();
                    JoinHandle<Integer> prev = rt.spawn(Futures.lazy(() -> 0));
                    ring.add(prev);
                    for (int i = 1; i < 2_000; i++) {
                        prev = rt.spawn(Futures.map(prev, x -> x + 1));
                        ring.add(prev);
                    }
                    int last = rt.blockOn(prev);
                    if (last != 1_999) {
                        fail("round " + round + ": " + last);
                    }
                }
            }
        });
    }
}
