package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Futures;
import dev.weft.net.TcpListener;
import dev.weft.sync.Notify;
import dev.weft.time.Time;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The metrics against workloads whose numbers are known. */
class RuntimeMetricsTest {
    @Test
    void countsSpawnsPollsWaitersTimersAndSockets() throws Exception {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            RuntimeMetrics before = rt.metrics();
            assertEquals(2, before.workers());
            assertEquals(0, before.tasksSpawned());

            // 1,000 tasks that each yield once: at least 2,000 polls.
            List<JoinHandle<Integer>> hs = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int k = i;
                hs.add(rt.spawn(Futures.flatMap(Futures.yieldNow(), v -> Futures.lazy(() -> k))));
            }
            rt.blockOn(Futures.joinAll(hs));
            RuntimeMetrics after = rt.metrics();
            assertEquals(1000, after.tasksSpawned());
            assertTrue(after.polls() >= 2000, after.toString());

            // 100 tasks parked on a Notify, each also with a one-hour sleep: waiting, with timers.
            Notify gate = new Notify();
            List<JoinHandle<Object>> waiting = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                waiting.add(rt.spawn(Futures.race(List.of(Futures.map(gate.notified(), v -> (Object) v),
                        Futures.map(Time.sleep(Duration.ofHours(1)), v -> (Object) v)))));
            }
            // Not a sleep: let the tasks reach their wait. A task joins the Notify during its poll
            // and counts as waiting once that poll has returned, so wait for both.
            while (gate.waiting() < 100 || rt.metrics().tasksWaiting() < 100) {
                rt.blockOn(Futures.yieldNow());
            }
            TcpListener listener = rt.blockOn(TcpListener.bind(new InetSocketAddress("127.0.0.1", 0)));
            JoinHandle<?> accepting = rt.spawn(listener.accept());
            while (rt.metrics().registeredSockets() < 1) {
                rt.blockOn(Futures.yieldNow());
            }
            RuntimeMetrics parked = rt.metrics();
            assertEquals(1100 + 1, parked.tasksSpawned());
            assertTrue(parked.tasksWaiting() >= 100, parked.toString());
            assertEquals(100, parked.timers(), parked.toString());
            assertEquals(1, parked.registeredSockets(), parked.toString());
            assertTrue(parked.parks() > 0, "idle workers parked: " + parked);

            gate.notifyWaiters();
            rt.blockOn(Futures.joinAll(waiting));
            accepting.abort();
            listener.close();
            assertEquals(0, rt.metrics().timers(), "the losing sleeps were cancelled and left the wheel");
            assertTrue(rt.metrics().toString().startsWith("RuntimeMetrics[workers=2"));
        }
    }

    static Stream<Arguments> flavours() {
        return Stream.of(
                Arguments.of("multi-thread", (Supplier<WeftRuntime>) () -> WeftRuntime.builder().workerThreads(2).build()),
                Arguments.of("current-thread", (Supplier<WeftRuntime>) () -> WeftRuntime.builder().currentThread().build()),
                Arguments.of("executor", (Supplier<WeftRuntime>) () -> WeftRuntime.builder().executor(WeftRuntimeTest.FOREIGN_POOL).build()));
    }

    /**
     * Workers and the current-thread core count their own spawns in plain fields, other threads
     * in a shared counter: every path adds up, spawnBlocking and a spawn refused after shutdown
     * included.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void countsSpawnsFromInsideAndOutsideTheRuntime(String name, Supplier<WeftRuntime> make) {
        WeftRuntime rt = make.get();
        try (rt) {
            List<JoinHandle<Integer>> parents = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                parents.add(rt.spawn(Futures.flatMap(Futures.lazy(() -> {
                    List<JoinHandle<Integer>> children = new ArrayList<>();
                    for (int k = 0; k < 5; k++) {
                        children.add(rt.spawn(Futures.ready(1))); // from inside the runtime
                    }
                    return children;
                }), children -> Futures.map(Futures.joinAll(children), List::size))));
            }
            assertEquals(List.of(5, 5, 5, 5, 5, 5, 5, 5, 5, 5), rt.blockOn(Futures.joinAll(parents)));
            assertEquals(1, rt.blockOn(rt.spawnBlocking(() -> 1)));
            assertEquals(10 + 50 + 1, rt.metrics().tasksSpawned(), name);
        }
        JoinHandle<Integer> refused = rt.spawn(Futures.ready(1));
        assertTrue(refused.isFinished(), "a spawn after shutdown is cancelled at once");
        assertEquals(10 + 50 + 1 + 1, rt.metrics().tasksSpawned(), name);
    }

    @Test
    void theCurrentThreadAndExecutorFlavoursReportPolls() {
        try (WeftRuntime ct = WeftRuntime.builder().currentThread().build()) {
            ct.blockOn(ct.spawn(Futures.flatMap(Futures.yieldNow(), v -> Futures.ready(1))));
            assertTrue(ct.metrics().polls() >= 2);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (WeftRuntime ex = WeftRuntime.builder().executor(pool).build()) {
            ex.blockOn(ex.spawn(Futures.flatMap(Futures.yieldNow(), v -> Futures.ready(1))));
            assertTrue(ex.metrics().polls() >= 2);
            assertEquals(0, ex.metrics().localQueueDepths().length);
        } finally {
            pool.shutdownNow();
        }
    }
}
