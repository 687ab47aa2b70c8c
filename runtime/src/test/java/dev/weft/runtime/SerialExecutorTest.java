package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testing.ProbeFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
    @Test
    void runsEverythingInSubmissionOrderWithoutOverlapEvenFromManyThreads() throws Exception {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            SerialExecutor serial = new SerialExecutor(rt, errors::add);
            int perThread = 10_000;
            int threads = 4;
            List<int[]> seen = new ArrayList<>(); // not thread-safe on purpose: runs are serial
            AtomicInteger inside = new AtomicInteger();
            AtomicBoolean overlapped = new AtomicBoolean();
            CountDownLatch done = new CountDownLatch(threads * perThread);
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                ts.add(new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int k = i;
                        serial.execute(() -> {
                            if (inside.incrementAndGet() != 1) {
                                overlapped.set(true);
                            }
                            seen.add(new int[] {id, k});
                            inside.decrementAndGet();
                            done.countDown();
                        });
                    }
                }));
            }
            ts.forEach(Thread::start);
            ProbeFuture.await(done, "every Runnable");
            assertFalse(overlapped.get());
            int[] last = new int[threads];
            java.util.Arrays.fill(last, -1);
            for (int[] s : seen) {
                assertTrue(s[1] > last[s[0]], "thread " + s[0] + "'s Runnables ran out of order");
                last[s[0]] = s[1];
            }
            assertEquals(List.of(), errors);
        }
    }

    @Test
    void aThrowingRunnableGoesToTheHandlerAndTheNextOneRuns() throws Exception {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(1).build()) {
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            SerialExecutor serial = new SerialExecutor(rt, errors::add);
            IllegalStateException boom = new IllegalStateException("boom");
            CountDownLatch next = new CountDownLatch(1);
            serial.execute(() -> {
                throw boom;
            });
            serial.execute(next::countDown);
            ProbeFuture.await(next, "the next Runnable");
            assertEquals(List.of(boom), errors);
        }
    }

    @Test
    void closeDropsTheQueueAndRefusesNewWork() {
        try (WeftRuntime rt = WeftRuntime.builder().currentThread().build()) {
            SerialExecutor serial = new SerialExecutor(rt, e -> {});
            AtomicInteger ran = new AtomicInteger();
            IntStream.range(0, 10).forEach(i -> serial.execute(ran::incrementAndGet));
            serial.close(); // the current-thread runtime has run nothing yet
            rt.blockOn(dev.weft.future.Futures.yieldNow());
            assertEquals(0, ran.get());
            assertTrue(serial.isClosed());
            assertThrows(RejectedExecutionException.class, () -> serial.execute(() -> {}));
            assertThrows(NullPointerException.class, () -> new SerialExecutor(null, e -> {}));
        }
    }
}
