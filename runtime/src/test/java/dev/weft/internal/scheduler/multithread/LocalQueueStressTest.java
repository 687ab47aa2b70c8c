package dev.weft.internal.scheduler.multithread;

import static dev.weft.internal.scheduler.QueuedTasks.tasks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weft.internal.scheduler.Injector;
import dev.weft.internal.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The owner pushes, pops and refills from the injector while two other workers steal into their
 * own queues, on small capacities so wraparound and overflow happen constantly. Every task must
 * come out exactly once.
 */
class LocalQueueStressTest {
    @Test
    void fifoForTheOwnerAndOverflowMovesHalfToTheInjector() {
        LocalQueue q = new LocalQueue(4);
        Injector inj = new Injector();
        Task<?>[] ts = tasks(5);
        for (int i = 0; i < 4; i++) {
            q.pushBack(ts[i], inj);
        }
        assertEquals(0, inj.length());
        q.pushBack(ts[4], inj); // full: the oldest half and the new task go to the injector
        assertEquals(3, inj.length());
        assertSame(ts[0], inj.pop());
        assertSame(ts[1], inj.pop());
        assertSame(ts[4], inj.pop());
        assertSame(ts[2], q.pop());
        assertSame(ts[3], q.pop());
        assertNull(q.pop());
    }

    @Test
    void stealTakesHalf() {
        LocalQueue src = new LocalQueue(8);
        LocalQueue dst = new LocalQueue(8);
        Injector inj = new Injector();
        Task<?>[] ts = tasks(6);
        for (Task<?> t : ts) {
            src.pushBack(t, inj);
        }
        Task<?> first = src.stealInto(dst);
        assertSame(ts[2], first, "the last stolen task is returned to run");
        assertSame(ts[0], dst.pop());
        assertSame(ts[1], dst.pop());
        assertNull(dst.pop());
        assertSame(ts[3], src.pop());
    }

    @Test
    void refillTakesTheInjectorOldestFirstWrapsAroundTheRingAndStopsWhenFull() {
        LocalQueue q = new LocalQueue(4);
        Injector inj = new Injector();
        Task<?>[] ts = tasks(9);
        for (int i = 0; i < 3; i++) { // move the positions so the refill wraps past the end
            q.pushBack(ts[8], inj);
            q.pop();
        }
        q.pushBack(ts[0], inj);
        inj.push(ts[1]);
        inj.pushBatch(new Task<?>[] {ts[2], ts[3], ts[4]});
        inj.push(ts[5]);
        assertEquals(3, q.refillFrom(inj, 8), "only the three free slots are filled");
        assertEquals(2, inj.length());
        assertEquals(0, q.refillFrom(inj, 8), "a full queue takes nothing");
        for (int i = 0; i < 4; i++) {
            assertSame(ts[i], q.pop(), "slot " + i);
        }
        assertEquals(2, q.refillFrom(inj, 8), "a batch taken in part goes on where it stopped");
        assertSame(ts[4], q.pop());
        assertSame(ts[5], q.pop());
        assertNull(q.pop());
        assertEquals(0, inj.length());
    }

    @Test
    void everyTaskComesOutExactlyOnceUnderConcurrentStealing() throws Exception {
        for (int capacity : new int[] {4, 16, 256}) {
            for (int round = 0; round < 20; round++) {
                run(capacity, 200_000);
            }
        }
    }

    private void run(int capacity, int n) throws Exception {
        Task<?>[] ts = tasks(n);
        java.util.IdentityHashMap<Task<?>, Integer> index = new java.util.IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(ts[i], i);
        }
        AtomicIntegerArray seen = new AtomicIntegerArray(n);
        LocalQueue owner = new LocalQueue(capacity);
        Injector inj = new Injector();
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(3);
        List<Thread> stealers = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            LocalQueue mine = new LocalQueue(capacity);
            Thread t = new Thread(() -> {
                start.countDown();
                while (!done.get() || !owner.isEmptyForStealers()) {
                    Task<?> got = owner.stealInto(mine);
                    if (got != null) {
                        seen.incrementAndGet(index.get(got));
                        for (Task<?> x = mine.pop(); x != null; x = mine.pop()) {
                            seen.incrementAndGet(index.get(x));
                        }
                    }
                }
            });
            stealers.add(t);
            t.start();
        }
        start.countDown();
        start.await();
        for (int i = 0; i < n; i++) {
            owner.pushBack(ts[i], inj);
            if ((i & 63) == 0) {
                owner.refillFrom(inj, capacity / 2); // overflowed tasks come back, racing the stealers
            }
            if ((i & 3) == 0) {
                Task<?> x = owner.pop();
                if (x != null) {
                    seen.incrementAndGet(index.get(x));
                }
            }
        }
        done.set(true);
        for (Task<?> x = owner.pop(); x != null; x = owner.pop()) {
            seen.incrementAndGet(index.get(x));
        }
        for (Thread t : stealers) {
            t.join();
        }
        for (Task<?> x = inj.pop(); x != null; x = inj.pop()) {
            seen.incrementAndGet(index.get(x));
        }
        for (int i = 0; i < n; i++) {
            assertEquals(1, seen.get(i), "capacity " + capacity + ": task " + i + " came out " + seen.get(i) + " times");
        }
    }
}
