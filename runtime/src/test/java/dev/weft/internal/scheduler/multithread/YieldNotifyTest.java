package dev.weft.internal.scheduler.multithread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.driver.RuntimeContext;
import dev.weft.internal.driver.io.IoDriver;
import dev.weft.internal.driver.time.Clock;
import dev.weft.internal.driver.time.TimeDriver;
import dev.weft.internal.scheduler.QueuedTasks;
import dev.weft.internal.task.OwnedTasks;
import dev.weft.internal.task.Task;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.RuntimeMetrics;
import dev.weft.runtime.WeftRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Idle protocol 5 with a silent yield: a yield of a worker's only task wakes no one, so the next
 * push to that queue must notify in its place. Run on a scheduler without threads, so the test
 * thread is the worker's owner.
 */
class YieldNotifyTest {
    private static final IoDriver IO = new IoDriver();
    private static final MultiThreadScheduler NO_WORKERS = new MultiThreadScheduler(
            new RuntimeContext(null, new TimeDriver(Clock.paused()), IO), new OwnedTasks(1), 0, "yield-test", 0, 8, null);
    @AfterAll
    static void closeSelector() throws Exception {
        IO.close();
    }

    /** Tasks that are only queued here, never run (the stress test's fixture). */
    private static Task<?> task() {
        return QueuedTasks.tasks(1)[0];
    }

    @Test
    void aLoneYieldIsSilentAndTheNextPushNotifiesInItsPlace() {
        Worker w = new Worker(NO_WORKERS, 0, 8, 0);
        Task<?> yielder = task();
        w.yieldLocal(yielder);
        assertTrue(w.unannounced(), "the only task yielded: nobody was woken for it");
        w.scheduleLocal(task()); // the queue is non-empty: only the flag makes this push notify
        assertFalse(w.unannounced(), "the push after the silent yield notified");
        assertSame(yielder, w.nextTask(), "the yielder keeps its place at the front of the queue");
    }

    @Test
    void aYieldBesideAnotherRunnableTaskNotifies() {
        Worker w = new Worker(NO_WORKERS, 0, 8, 0);
        w.scheduleLocal(task()); // in the LIFO slot: the yielder is not alone
        w.yieldLocal(task());
        assertFalse(w.unannounced(), "two runnable tasks: another worker was notified");
    }

    @Test
    void aYieldBehindABacklogLeavesTheNotificationToThePushBeforeIt() {
        Worker w = new Worker(NO_WORKERS, 0, 8, 0);
        w.scheduleLocal(task());
        w.scheduleLocal(task()); // the first moves from the LIFO slot to the queue, notifying
        w.yieldLocal(task());
        assertFalse(w.unannounced());
    }

    /**
     * A task that streams items yields once per budget. Waking the idle worker for each yield
     * only let it park again (or steal the task to another core): tens of thousands of futex
     * wakes a second for no parallelism.
     */
    @Test
    void aTaskThatKeepsYieldingDoesNotWakeTheIdleWorkerEachTime() {
        int yields = 5_000;
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            rt.blockOn(rt.spawn(Futures.ready(0))); // both workers started and idle again
            RuntimeMetrics before = rt.metrics();
            int[] polls = {0};
            int done = rt.blockOn(rt.spawn(Futures.pollFn(cx -> {
                // 20 us of work per poll (W5's 128 items take about 5): long enough for the idle
                // worker to give up searching and park between two yields.
                for (long end = System.nanoTime() + 20_000; System.nanoTime() < end;) {
                    Thread.onSpinWait();
                }
                if (++polls[0] == yields) {
                    return Poll.ready(polls[0]);
                }
                cx.waker().wake(); // woken during its own poll: a yield
                return Poll.pending();
            })));
            RuntimeMetrics after = rt.metrics();
            assertEquals(yields, done);
            long wakeUps = after.parks() - before.parks() + after.steals() - before.steals();
            assertTrue(wakeUps < 100, "the idle worker was woken " + wakeUps + " times for " + yields + " yields");
        }
    }

    /**
     * Two tasks that take turns share one worker through its LIFO slot; at the slot's cap the
     * next one goes to the back of the queue. With nothing else runnable there, waking the idle
     * worker for it only let that worker park again (or steal the task, moving the pair to its
     * own core): W2 paid tens of thousands of futex wakes per million round trips. Strict turns
     * keep the pair from running in parallel, so once both sit on one worker nothing but a cap
     * could wake the other: it is woken 2-5 times here in all, against once per cap before
     * (360-500 times in 2,000 turns).
     */
    @Test
    void aPingPongPairAtTheLifoCapDoesNotWakeTheIdleWorkerEachTime() {
        int turnsWanted = 2_000;
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            rt.blockOn(rt.spawn(Futures.ready(0)));
            AtomicReferenceArray<Waker> wakers = new AtomicReferenceArray<>(2);
            AtomicInteger turns = new AtomicInteger();
            List<JoinHandle<Integer>> pair = new ArrayList<>();
            RuntimeMetrics before = rt.metrics();
            for (int side = 0; side < 2; side++) {
                int me = side;
                pair.add(rt.spawn(Futures.pollFn(cx -> {
                    wakers.set(me, cx.waker()); // before reading the turn: the other side flips
                    if (turns.get() % 2 != me) { //  it before it reads this, so no wake is lost
                        return Poll.pending();
                    }
                    // 100 us a turn: the idle worker has surely parked by the next cap.
                    for (long end = System.nanoTime() + 100_000; System.nanoTime() < end;) {
                        Thread.onSpinWait();
                    }
                    int t = turns.incrementAndGet();
                    Waker other = wakers.get(1 - me);
                    if (other != null) {
                        other.wake(); // its turn (a wake after it finished is ignored)
                    }
                    return t >= turnsWanted ? Poll.ready(t) : Poll.pending();
                })));
            }
            rt.blockOn(Futures.joinAll(pair));
            RuntimeMetrics after = rt.metrics();
            long wakeUps = after.parks() - before.parks() + after.steals() - before.steals();
            assertTrue(turns.get() >= turnsWanted);
            assertTrue(wakeUps < 50, "the idle worker was woken " + wakeUps + " times in " + turns.get() + " turns");
        }
    }
}
