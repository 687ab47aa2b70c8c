package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.sync.AsyncSemaphore;
import dev.weft.sync.Notify;
import dev.weft.testing.ProbeFuture;
import dev.weft.time.Time;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 10's leak checks and the bounded load that fits the test command. */
class LeakAndLoadTest {
    static void collectUntilCleared(WeakReference<?> ref, String what) {
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
        }
        assertNull(ref.get(), what + " is still reachable");
    }

    static Thread[] runtimeThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive()).toArray(Thread[]::new);
    }

    /**
     * Repeated, since the end of a thread races its pool's own bookkeeping: a blocking-pool
     * thread was once still alive after shutdown returned (2 rounds in 300 before the pool
     * joined its threads).
     */
    @Test
    void afterShutdownNoRuntimeThreadRemains() {
        for (int round = 0; round < 300; round++) {
            String prefix = "leakcheck" + round + "-";
            WeftRuntime rt = WeftRuntime.builder().workerThreads(2).threadNamePrefix(prefix).build();
            rt.blockOn(rt.spawnBlocking(() -> 1)); // start a blocking-pool thread too
            assertTrue(runtimeThreads(prefix).length >= 3);
            assertTrue(rt.shutdown(Duration.ofSeconds(10)));
            assertEquals(0, runtimeThreads(prefix).length, "threads left after shutdown in round " + round);
        }
    }

    /** Open file descriptors of this process (Linux), or -1 where /proc/self/fd is missing. */
    static long openFileDescriptors() throws java.io.IOException {
        java.nio.file.Path fds = java.nio.file.Path.of("/proc/self/fd");
        if (!java.nio.file.Files.isDirectory(fds)) {
            return -1;
        }
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(fds)) {
            return s.count();
        }
    }

    @Test
    void shutdownClosesTheSelector() throws Exception {
        // Each runtime opens a Selector (an epoll and an eventfd descriptor on Linux), used here
        // by a listener and a connection: fifty runtimes that leaked them would leak 100+.
        org.junit.jupiter.api.Assumptions.assumeTrue(openFileDescriptors() >= 0, "needs /proc/self/fd");
        for (int warm = 0; warm < 3; warm++) {
            openAndShutDown(); // class loading and the JDK's own lazily opened files
        }
        long before = openFileDescriptors();
        for (int i = 0; i < 50; i++) {
            openAndShutDown();
        }
        long after = openFileDescriptors();
        assertTrue(after - before < 10, "open descriptors went from " + before + " to " + after + " over 50 runtimes");
    }

    private static void openAndShutDown() {
        WeftRuntime rt = WeftRuntime.builder().workerThreads(1).build();
        dev.weft.net.TcpListener l = rt.blockOn(dev.weft.net.TcpListener.bind(new java.net.InetSocketAddress("127.0.0.1", 0)));
        dev.weft.net.TcpStream c = rt.blockOn(dev.weft.net.TcpStream.connect(l.localAddress()));
        dev.weft.net.TcpStream s = rt.blockOn(l.accept());
        c.close();
        s.close();
        l.close();
        assertTrue(rt.shutdown(Duration.ofSeconds(5)));
    }

    /** Runs a task whose future holds `payload` to completion; returns a weak reference to it. */
    private static WeakReference<Object> spawnHolding(WeftRuntime rt, Object payload) {
        WeakReference<Object> ref = new WeakReference<>(payload);
        rt.blockOn(rt.spawn(Futures.lazy(() -> (Object) payload.hashCode())));
        return ref;
    }

    @Test
    void completedAndAbortedTasksAreCollectable() throws Exception {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            WeakReference<Object> completedPayload = spawnHolding(rt, new byte[1 << 20]);
            collectUntilCleared(completedPayload, "what a completed task's future held");

            ProbeFuture<Object> probe = new ProbeFuture<>();
            WeakReference<Object> abortedFuture = new WeakReference<>(probe);
            JoinHandle<Object> aborted = rt.spawn(probe);
            ProbeFuture.await(probe.polled, "the first poll");
            aborted.abort();
            ProbeFuture.await(probe.cancelled, "the abort");
            probe = null;
            aborted = null;
            collectUntilCleared(abortedFuture, "an aborted task's future");
        }
    }

    @Test
    void cancelledWaitersLeaveNoEntriesBehind() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            Notify notify = new Notify();
            AsyncSemaphore semaphore = new AsyncSemaphore(0);
            List<JoinHandle<Object>> waiting = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                waiting.add(rt.spawn(Futures.map(notify.notified(), v -> (Object) v)));
                waiting.add(rt.spawn(Futures.map(semaphore.acquire(), v -> (Object) v)));
                waiting.add(rt.spawn(Futures.map(Time.sleep(Duration.ofHours(1)), v -> (Object) v)));
            }
            while (notify.waiting() < 1000 || semaphore.queuedAcquires() < 1000 || rt.metrics().timers() < 1000) {
                rt.blockOn(Futures.yieldNow()); // not a sleep: let every task reach its wait
            }
            waiting.forEach(JoinHandle::abort);
            for (JoinHandle<Object> h : waiting) {
                try {
                    rt.blockOn(h);
                } catch (java.util.concurrent.CancellationException expected) {
                    // aborted, as asked
                }
            }
            assertEquals(0, notify.waiting(), "Notify entries left");
            assertEquals(0, semaphore.queuedAcquires(), "semaphore entries left");
            assertEquals(0, rt.metrics().timers(), "timers left on the wheel");
            assertEquals(0, rt.metrics().tasksWaiting(), "tasks left in the registry");
        }
    }

    @Test
    void aMillionTimersStartedAndCancelledLeaveTheWheelEmpty() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            long startedAndCancelled = rt.blockOn(rt.spawn(Futures.lazy(() -> {
                long n = 0;
                for (int batch = 0; batch < 100; batch++) {
                    List<Future<Void>> sleeps = new ArrayList<>(10_000);
                    for (int i = 0; i < 10_000; i++) {
                        Future<Void> s = Time.sleep(Duration.ofMillis(1_000 + i));
                        s.poll(dev.weft.future.Context.of(dev.weft.future.Waker.noop())); // registers its timer
                        sleeps.add(s);
                    }
                    for (Future<Void> s : sleeps) {
                        s.cancel(); // O(1) removal
                        n++;
                    }
                }
                return n;
            })));
            assertEquals(1_000_000, startedAndCancelled);
            assertEquals(0, rt.metrics().timers());
        }
    }
}
