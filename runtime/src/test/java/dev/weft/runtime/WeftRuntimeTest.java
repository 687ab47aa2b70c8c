package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.AtomicWaker;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.testing.MockTask;
import dev.weft.testing.NoUndeliverableErrors;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(NoUndeliverableErrors.class)
class WeftRuntimeTest {

    static Stream<Arguments> flavours() {
        return Stream.of(
                Arguments.of("multi-thread", (Supplier<WeftRuntime>) () -> WeftRuntime.builder().workerThreads(2).build()),
                Arguments.of("current-thread", (Supplier<WeftRuntime>) () -> WeftRuntime.builder().currentThread().build()),
                Arguments.of("executor", (Supplier<WeftRuntime>) () -> WeftRuntime.builder().executor(FOREIGN_POOL).build()));
    }

    /** A foreign pool, like an application's own, for the executor flavour (daemon threads, shared). */
    static final java.util.concurrent.ExecutorService FOREIGN_POOL = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "foreign-pool");
        t.setDaemon(true);
        return t;
    });

    static {
        assert FOREIGN_POOL != null;
    }

    /** A future completed from outside, through an AtomicWaker, and that records cancellation. */
    static final class Gate<T> implements Future<T> {
        final AtomicWaker waker = new AtomicWaker();
        volatile boolean open;
        volatile T value;
        final AtomicInteger cancels = new AtomicInteger();
        final CountDownLatch polled = new CountDownLatch(1);

        @Override
        public Poll<T> poll(dev.weft.future.Context cx) {
            waker.register(cx.waker());
            polled.countDown();
            return open ? Poll.ready(value) : Poll.pending();
        }

        void open(T v) {
            value = v;
            open = true;
            waker.wake();
        }

        @Override
        public void cancel() {
            cancels.incrementAndGet();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void spawnedTasksRunAndTheirHandlesYieldTheirValues(String name, Supplier<WeftRuntime> make) {
        try (WeftRuntime rt = make.get()) {
            List<JoinHandle<Integer>> handles = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                int v = i;
                handles.add(rt.spawn(Futures.lazy(() -> v)));
            }
            long sum = rt.blockOn(Futures.map(Futures.joinAll(handles), l -> l.stream().mapToLong(Integer::longValue).sum()));
            assertEquals(10_000L * 9_999 / 2, sum);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void aTaskSpawnedInsideATaskRunsOnTheSameRuntime(String name, Supplier<WeftRuntime> make) {
        try (WeftRuntime rt = make.get()) {
            int v = rt.blockOn(rt.spawn(Futures.flatMap(Futures.lazy(() -> WeftRuntime.current()),
                    current -> current.spawn(Futures.lazy(() -> current == rt ? 7 : -1)))));
            assertEquals(7, v);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void aWakeFromAnotherThreadResumesTheTask(String name, Supplier<WeftRuntime> make) throws Exception {
        try (WeftRuntime rt = make.get()) {
            Gate<String> gate = new Gate<>();
            JoinHandle<String> h = rt.spawn(gate);
            Thread opener = new Thread(() -> {
                try {
                    gate.polled.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                gate.open("opened");
            });
            opener.start();
            assertEquals("opened", rt.blockOn(h));
            opener.join();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void aTaskFailureIsRethrownUnchangedByTheHandle(String name, Supplier<WeftRuntime> make) {
        try (WeftRuntime rt = make.get()) {
            IllegalStateException boom = new IllegalStateException("boom");
            JoinHandle<Integer> h = rt.spawn(Futures.failed(boom));
            // Inside a task the very same exception comes back...
            Throwable inside = rt.blockOn(rt.spawn(Futures.recover(Futures.map(h, x -> (Throwable) null), e -> e)));
            assertSame(boom, inside);
            // ...and at the blocking edge a checked exception is wrapped in CompletionException.
            IOException io = new IOException("disk");
            CompletionException wrapped = assertThrows(CompletionException.class, () -> rt.blockOn(rt.spawn(Futures.failed(io))));
            assertSame(io, wrapped.getCause());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void abortCancelsTheFutureAndTheHandleFailsWithCancellation(String name, Supplier<WeftRuntime> make) throws Exception {
        try (WeftRuntime rt = make.get()) {
            Gate<String> gate = new Gate<>();
            JoinHandle<String> h = rt.spawn(gate);
            if (name.equals("multi-thread")) {
                assertTrue(gate.polled.await(10, TimeUnit.SECONDS));
            }
            h.abort();
            h.abort();
            CancellationException e = assertThrows(CancellationException.class, () -> rt.blockOn(h));
            assertEquals("task was aborted", e.getMessage());
            assertEquals(1, gate.cancels.get());
            assertTrue(h.isFinished());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void abortAfterCompletionChangesNothing(String name, Supplier<WeftRuntime> make) {
        try (WeftRuntime rt = make.get()) {
            JoinHandle<Integer> h = rt.spawn(Futures.ready(5));
            rt.blockOn(Futures.map(Futures.joinAll(List.of(rt.spawn(Futures.ready(0)))), x -> x));
            while (!h.isFinished()) {
                rt.blockOn(Futures.yieldNow());
            }
            h.abort();
            assertEquals(5, rt.blockOn(h));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void aJoinHandlePolledAgainAfterCompletionFailsClearly(String name, Supplier<WeftRuntime> make) {
        try (WeftRuntime rt = make.get()) {
            JoinHandle<Integer> h = rt.spawn(Futures.ready(1));
            assertEquals(1, rt.blockOn(h));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.blockOn(h));
            assertEquals("JoinHandle polled after it completed", e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void aTaskThatNeverWaitsYieldsToOthersThroughTheBudget(String name, Supplier<WeftRuntime> make) {
        try (WeftRuntime rt = make.get()) {
            AtomicBoolean flag = new AtomicBoolean();
            // Spins on the budget until another task sets the flag: without a budget it would
            // hold a current-thread runtime forever.
            JoinHandle<Integer> spinner = rt.spawn(cx -> {
                while (cx.tryConsumeBudget()) {
                    if (flag.get()) {
                        return Poll.ready(1);
                    }
                }
                return Poll.pending();
            });
            JoinHandle<Integer> setter = rt.spawn(Futures.lazy(() -> {
                flag.set(true);
                return 2;
            }));
            assertEquals(3, rt.blockOn(Futures.join(spinner, setter, Integer::sum)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void aPingPongPairDoesNotStarveAThirdTask(String name, Supplier<WeftRuntime> make) {
        WeftRuntime rt = name.equals("multi-thread") ? WeftRuntime.builder().workerThreads(1).build() : make.get();
        try (rt) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<dev.weft.future.Waker> pingWaker = new AtomicReference<>();
            AtomicReference<dev.weft.future.Waker> pongWaker = new AtomicReference<>();
            // Each wakes the other on every poll: the LIFO slot would run them forever.
            JoinHandle<Void> ping = rt.spawn(cx -> {
                pingWaker.set(cx.waker());
                dev.weft.future.Waker other = pongWaker.get();
                if (other != null) {
                    other.wake();
                }
                return stop.get() ? Poll.ready(null) : Poll.pending();
            });
            JoinHandle<Void> pong = rt.spawn(cx -> {
                pongWaker.set(cx.waker());
                dev.weft.future.Waker other = pingWaker.get();
                if (other != null) {
                    other.wake();
                }
                return stop.get() ? Poll.ready(null) : Poll.pending();
            });
            JoinHandle<Void> third = rt.spawn(Futures.lazy(() -> {
                stop.set(true);
                // Wake both: on a parallel executor one of them may have read `stop` just before
                // it was set while the other, seeing it, completed; nothing else would wake it.
                // (One that has not stored its waker yet will read `stop` after this.)
                for (AtomicReference<dev.weft.future.Waker> w : List.of(pingWaker, pongWaker)) {
                    if (w.get() != null) {
                        w.get().wake();
                    }
                }
                return null;
            }));
            rt.blockOn(Futures.joinAll(List.of(third, ping, pong)));
            assertTrue(stop.get());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void spawnBlockingRunsOffTheWorkers(String name, Supplier<WeftRuntime> make) {
        try (WeftRuntime rt = make.get()) {
            String thread = rt.blockOn(rt.spawnBlocking(() -> Thread.currentThread().getName()));
            assertTrue(thread.contains("-blocking-"), thread);
            IOException io = new IOException("read failed");
            JoinHandle<String> failing = rt.spawnBlocking(() -> {
                throw io;
            });
            assertSame(io, assertThrows(CompletionException.class, () -> rt.blockOn(failing)).getCause());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void blockingWorkSeesItsRuntimeAndMayBlockOnIt(String name, Supplier<WeftRuntime> make) {
        try (WeftRuntime rt = make.get()) {
            assertSame(rt, rt.blockOn(rt.spawnBlocking(WeftRuntime::current)), "current() inside spawnBlocking");
            // Blocking code calling back into async code: blockOn is allowed on the pool's threads.
            Integer v = rt.blockOn(rt.spawnBlocking(() -> WeftRuntime.current().blockOn(rt.spawn(Futures.lazy(() -> 7)))));
            assertEquals(7, v);
            assertFalse(rt.blockOn(rt.spawnBlocking(() -> WeftRuntime.isWorkerThread(Thread.currentThread()))),
                    "a blocking thread is not a worker (BlockHound lets it block)");
        }
    }

    @Test
    void theBlockingPoolIsBoundedAndQueuesTheRest() throws Exception {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(1).maxBlockingThreads(2).build()) {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger maxRunning = new AtomicInteger();
            CountDownLatch release = new CountDownLatch(1);
            List<JoinHandle<Integer>> handles = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                handles.add(rt.spawnBlocking(() -> {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    release.await(10, TimeUnit.SECONDS);
                    running.decrementAndGet();
                    return 1;
                }));
            }
            Thread releaser = new Thread(() -> {
                while (running.get() < 2) {
                    Thread.onSpinWait();
                }
                release.countDown();
            });
            releaser.start();
            assertEquals(List.of(1, 1, 1, 1, 1, 1), rt.blockOn(Futures.joinAll(handles)));
            assertEquals(2, maxRunning.get());
            releaser.join();
        }
    }

    @Test
    void idleBlockingThreadsRetireAfterTheKeepAlive() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(1).maxBlockingThreads(4)
                .blockingKeepAlive(Duration.ofMillis(50)).threadNamePrefix("shrink").build()) {
            List<JoinHandle<Integer>> hs = new ArrayList<>();
            CountDownLatch together = new CountDownLatch(4);
            for (int i = 0; i < 4; i++) {
                hs.add(rt.spawnBlocking(() -> {
                    together.countDown();
                    together.await(10, TimeUnit.SECONDS); // four calls at once: four threads
                    return 1;
                }));
            }
            rt.blockOn(Futures.joinAll(hs));
            assertEquals(4, threadsNamed("shrink-"));
            // Wait (bounded) for the pool to retire its idle threads.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (threadsNamed("shrink-") > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(0, threadsNamed("shrink-"), "idle blocking threads did not retire");
        }
    }

    private static int threadsNamed(String prefix) {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(prefix) && t.getName().contains("-blocking-")) {
                n++;
            }
        }
        return n;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void blockOnRefusesToRunOnAWorkerOrInsideBlockOn(String name, Supplier<WeftRuntime> make) {
        try (WeftRuntime rt = make.get()) {
            IllegalStateException e = rt.blockOn(rt.spawn(Futures.lazy(() -> {
                try {
                    rt.blockOn(Futures.ready(1));
                    return null;
                } catch (IllegalStateException expected) {
                    return expected;
                }
            })));
            assertTrue(e.getMessage().startsWith("blockOn called on"), e.getMessage());
            assertTrue(e.getMessage().contains("await the future inside the task instead"), e.getMessage());
        }
    }

    @Test
    void currentOutsideARuntimeFailsClearly() {
        IllegalStateException e = assertThrows(IllegalStateException.class, WeftRuntime::current);
        assertTrue(e.getMessage().startsWith("no Weft runtime on thread '"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void shutdownCancelsWaitingTasksAndStopsEveryThread(String name, Supplier<WeftRuntime> make) throws Exception {
        WeftRuntime rt = make.get();
        List<Gate<String>> gates = new ArrayList<>();
        List<JoinHandle<String>> handles = spawnGates(rt, 100, gates);
        rt.blockOn(rt.spawnBlocking(() -> 1)); // start a blocking thread too
        if (name.equals("current-thread")) {
            rt.blockOn(Futures.yieldNow()); // let the tasks reach their first poll
        }
        assertTrue(rt.shutdown(Duration.ofSeconds(10)));
        for (int i = 0; i < gates.size(); i++) {
            assertEquals(1, gates.get(i).cancels.get(), "gate " + i);
            assertTrue(handles.get(i).isFinished());
        }
        assertTrue(runtimeThreads().isEmpty(), "threads left: " + runtimeThreads());
        // After shutdown: spawned tasks are cancelled at once, and blockOn is refused.
        JoinHandle<Integer> late = rt.spawn(Futures.ready(1));
        assertTrue(late.isFinished());
        assertThrows(IllegalStateException.class, () -> rt.blockOn(Futures.ready(1)));
    }

    /**
     * As in tokio, a handle poll that finds the task unfinished costs the joiner no budget: it
     * does no work worth yielding for. A joiner of many handles therefore registers on all of
     * them in one poll, instead of yielding (and queueing behind every runnable task) once per
     * budget's worth of them.
     */
    @Test
    void onlyAHandlePollThatHandsOverTheOutcomeSpendsBudget() throws Exception {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            List<Gate<String>> gates = new ArrayList<>();
            MockTask<List<String>> joiner = MockTask.of(Futures.joinAll(spawnGates(rt, 1000, gates)));
            joiner.setBudget(1);
            joiner.pollPending();
            assertEquals(0, joiner.wakeCount(), "the joiner was told to yield");

            Gate<String> gate = new Gate<>();
            MockTask<String> h = MockTask.of(rt.spawn(gate));
            h.setBudget(0);
            h.pollPending();
            assertEquals(0, h.wakeCount(), "an unfinished handle spent budget it did not have");
            gate.open("done");
            assertTrue(h.awaitWoken(10, TimeUnit.SECONDS), "completion did not wake the joiner");
            // Finished, but the budget is spent: the outcome is kept for the next poll.
            h.pollPending();
            assertEquals(1, h.wakeCount(), "the spent budget woke the joiner to come back");
            h.setBudget(1);
            assertEquals("done", h.pollReady());
        }
    }

    /** Spawns n tasks that each wait on a new gate (added to gates); returns their handles in order. */
    private static List<JoinHandle<String>> spawnGates(WeftRuntime rt, int n, List<Gate<String>> gates) {
        List<JoinHandle<String>> handles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Gate<String> g = new Gate<>();
            gates.add(g);
            handles.add(rt.spawn(g));
        }
        return handles;
    }

    /**
     * A foreign executor whose threads are busy elsewhere (or that was shut down with work
     * queued) may run a task's first poll late or never; shutdown must not leave that task, whose
     * handle nobody else would ever complete, to it.
     */
    @Test
    void shutdownCancelsTasksTheForeignExecutorHasNotStartedYet() {
        List<Runnable> held = java.util.Collections.synchronizedList(new ArrayList<>());
        WeftRuntime rt = WeftRuntime.builder().executor(held::add).build();
        List<Gate<String>> gates = new ArrayList<>();
        List<JoinHandle<String>> handles = spawnGates(rt, 10, gates);
        assertTrue(rt.shutdown(Duration.ofSeconds(10)));
        for (int i = 0; i < gates.size(); i++) {
            assertEquals(1, gates.get(i).cancels.get(), "gate " + i + " cancelled by shutdown itself");
            assertTrue(handles.get(i).isFinished());
        }
        new ArrayList<>(held).forEach(Runnable::run); // the executor gets to the stale polls at last
        for (Gate<String> g : gates) {
            assertEquals(1, g.polled.getCount(), "a task cancelled by shutdown is never polled");
            assertEquals(1, g.cancels.get(), "nor cancelled twice");
        }
    }

    /** Spawn racing shutdown on an executor that never runs anything: no handle is left open. */
    @Test
    void aSpawnRacingShutdownOnAForeignExecutorIsNeverLeftBehind() {
        for (int i = 0; i < 2_000; i++) {
            WeftRuntime rt = WeftRuntime.builder().executor(r -> {}).build(); // drops every poll
            Gate<String> g = new Gate<>();
            List<JoinHandle<String>> handle = new ArrayList<>();
            dev.weft.testing.Race.run(() -> handle.add(rt.spawn(g)), () -> rt.shutdown(Duration.ofSeconds(10)));
            assertTrue(handle.get(0).isFinished(), "iteration " + i + ": the spawned task was left to the executor");
            assertEquals(1, g.cancels.get(), "iteration " + i);
        }
    }

    @Test
    void shutdownCancelsTasksStillQueuedOnAWorkerThatNeverPolledThem() throws Exception {
        WeftRuntime rt = WeftRuntime.builder().workerThreads(1).build();
        List<Gate<String>> children = new ArrayList<>();
        List<JoinHandle<String>> handles = new ArrayList<>();
        CountDownLatch spawned = new CountDownLatch(1);
        CountDownLatch shutdownStarted = new CountDownLatch(1);
        // The parent fills its worker's LIFO slot and local queue, then holds the worker until
        // shutdown has begun, so the children are still queued when the worker stops.
        rt.spawn(cx -> {
            for (int i = 0; i < 300; i++) {
                Gate<String> g = new Gate<>();
                children.add(g);
                handles.add(WeftRuntime.current().spawn(g));
            }
            spawned.countDown();
            try {
                shutdownStarted.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Poll.pending();
        });
        assertTrue(spawned.await(10, TimeUnit.SECONDS));
        Thread releaser = new Thread(() -> {
            while (!rt.isShutdown()) {
                Thread.onSpinWait();
            }
            shutdownStarted.countDown();
        });
        releaser.start();
        assertTrue(rt.shutdown(Duration.ofSeconds(10)));
        releaser.join();
        for (int i = 0; i < children.size(); i++) {
            assertEquals(1, children.get(i).cancels.get(), "child " + i + " was not cancelled");
            int idx = i;
            assertThrows(CancellationException.class, () -> RuntimeThreadsHelper.joinNow(handles.get(idx)));
        }
    }

    @Test
    void shutdownCancelsTasksQueuedOnACurrentThreadRuntimeThatNeverRan() {
        WeftRuntime rt = WeftRuntime.builder().currentThread().build();
        List<Gate<String>> gates = new ArrayList<>();
        List<JoinHandle<String>> handles = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Gate<String> g = new Gate<>();
            gates.add(g);
            handles.add(rt.spawn(g)); // no blockOn: they wait in the remote queue
        }
        assertTrue(rt.shutdown(Duration.ofSeconds(10)));
        for (int i = 0; i < gates.size(); i++) {
            assertEquals(1, gates.get(i).polled.getCount(), "never polled");
            assertEquals(1, gates.get(i).cancels.get());
            assertTrue(handles.get(i).isFinished());
        }
    }

    @Test
    void shutdownCancelsBlockingCallsThatNeverStartedAndInterruptsRunningOnes() throws Exception {
        WeftRuntime rt = WeftRuntime.builder().workerThreads(1).maxBlockingThreads(1).build();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        JoinHandle<Integer> running = rt.spawnBlocking(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return 1;
        });
        AtomicInteger ran = new AtomicInteger();
        List<JoinHandle<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(rt.spawnBlocking(ran::incrementAndGet));
        }
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertTrue(rt.shutdown(Duration.ofSeconds(10)));
        assertTrue(interrupted.get());
        assertTrue(running.isFinished());
        assertEquals(0, ran.get());
        for (JoinHandle<Integer> h : queued) {
            assertTrue(h.isFinished());
            assertThrows(CancellationException.class, () -> RuntimeThreadsHelper.joinNow(h));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void onlyWaitingTasksAreRegisteredAndFinishedOnesAreDropped(String name, Supplier<WeftRuntime> make) throws Exception {
        try (WeftRuntime rt = make.get()) {
            rt.blockOn(Futures.joinAll(List.of(rt.spawn(Futures.ready(1)), rt.spawn(Futures.ready(2)))));
            assertEquals(0, rt.waitingTaskCount(), "tasks done in their first poll never register");
            List<Gate<Integer>> gates = new ArrayList<>();
            List<JoinHandle<Integer>> handles = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Gate<Integer> g = new Gate<>();
                gates.add(g);
                handles.add(rt.spawn(g));
            }
            if (name.equals("current-thread")) {
                rt.blockOn(Futures.yieldNow());
            }
            for (Gate<Integer> g : gates) {
                assertTrue(g.polled.await(10, TimeUnit.SECONDS));
            }
            // A task registers after its poll returns pending; wait for the last to get there.
            while (rt.waitingTaskCount() < 20) {
                Thread.onSpinWait();
            }
            for (Gate<Integer> g : gates) {
                g.open(1);
            }
            assertEquals(Integer.valueOf(20), rt.blockOn(Futures.<List<Integer>, Integer>map(Futures.joinAll(handles), List::size)));
            assertEquals(0, rt.waitingTaskCount(), "finished tasks leave the registry");
        }
    }

    @Test
    void shutdownFromInsideATaskIsRefused() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(1).build()) {
            IllegalStateException e = rt.blockOn(rt.spawn(Futures.lazy(() -> {
                try {
                    rt.shutdown(Duration.ofSeconds(1));
                    return null;
                } catch (IllegalStateException expected) {
                    return expected;
                }
            })));
            assertTrue(e.getMessage().startsWith("shutdown called from inside a task"), e.getMessage());
        }
    }

    @Test
    void threadsAreNamedAfterTheRuntime() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).threadNamePrefix("svc").build()) {
            String n = rt.blockOn(rt.spawn(Futures.lazy(() -> Thread.currentThread().getName())));
            assertTrue(n.matches("svc-\\d+-worker-[01]"), n);
            assertEquals(2, rt.workerCount());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void anInterruptedThreadBlocksInBlockOnWithoutSpinningAndKeepsItsFlag(String name, Supplier<WeftRuntime> make) {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        try (WeftRuntime rt = make.get()) {
            Thread.currentThread().interrupt();
            long cpuBefore = cpu.getCurrentThreadCpuTime();
            // A real 300 ms wait: long enough that a spinning wait would burn most of it in CPU.
            rt.blockOn(dev.weft.time.Time.sleep(Duration.ofMillis(300)));
            long cpuMillis = (cpu.getCurrentThreadCpuTime() - cpuBefore) / 1_000_000;
            assertTrue(Thread.interrupted(), "blockOn kept the interrupt status (and this clears it)");
            assertTrue(cpuMillis < 150, name + ": the waiting thread used " + cpuMillis + " ms of CPU in a 300 ms wait");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void builderRejectsBadInputWithClearMessages() {
        WeftRuntime.Builder b = WeftRuntime.builder();
        assertEquals("workerThreads > 0 required but it was 0",
                assertThrows(IllegalArgumentException.class, () -> b.workerThreads(0)).getMessage());
        assertEquals("maxBlockingThreads > 0 required but it was -1",
                assertThrows(IllegalArgumentException.class, () -> b.maxBlockingThreads(-1)).getMessage());
        assertEquals("blockingKeepAlive > 0 required but it was PT0S",
                assertThrows(IllegalArgumentException.class, () -> b.blockingKeepAlive(Duration.ZERO)).getMessage());
        assertEquals("threadNamePrefix is null",
                assertThrows(NullPointerException.class, () -> b.threadNamePrefix(null)).getMessage());
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(1).build()) {
            assertEquals("future is null", assertThrows(NullPointerException.class, () -> rt.spawn(null)).getMessage());
            assertEquals("work is null", assertThrows(NullPointerException.class, () -> rt.spawnBlocking(null)).getMessage());
            assertEquals("future is null", assertThrows(NullPointerException.class, () -> rt.blockOn(null)).getMessage());
            assertEquals("timeout is null", assertThrows(NullPointerException.class, () -> rt.shutdown(null)).getMessage());
        }
    }

    @Test
    void aCancelHookThatThrowsReachesTheHookExactlyOnce() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(1).build()) {
            IllegalStateException boom = new IllegalStateException("cancel failed");
            JoinHandle<Integer> h = rt.spawn(Futures.pollFn(cx -> Poll.pending(), () -> {
                throw boom;
            }));
            h.abort();
            assertThrows(CancellationException.class, () -> rt.blockOn(h));
            assertEquals(List.of(boom), NoUndeliverableErrors.take());
        }
    }

    @Test
    void aSecondBlockOnOnACurrentThreadRuntimeTakesOverTheTasks() throws Exception {
        try (WeftRuntime rt = WeftRuntime.builder().currentThread().build()) {
            Gate<Integer> outerGate = new Gate<>();
            CountDownLatch inside = new CountDownLatch(1);
            AtomicReference<Object> result = new AtomicReference<>();
            Thread other = new Thread(() -> {
                result.set(rt.blockOn(Futures.map(Futures.lazy(() -> {
                    inside.countDown();
                    return 0;
                }), x -> x)));
            });
            // The main thread holds the core while the other thread's blockOn starts; tasks keep
            // running for both, and when the main thread leaves, the other can finish alone.
            JoinHandle<Integer> task = rt.spawn(Futures.map(outerGate, x -> x + 1));
            other.start();
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            outerGate.open(41);
            assertEquals(42, rt.blockOn(task));
            other.join(10_000);
            assertFalse(other.isAlive());
            assertEquals(0, result.get());
        }
    }

    static List<String> runtimeThreads() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("weft-")) {
                names.add(t.getName());
            }
        }
        return names;
    }
}
