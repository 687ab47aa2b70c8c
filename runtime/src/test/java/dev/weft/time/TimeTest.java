package dev.weft.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.AsyncStream;
import dev.weft.testing.MockTask;
import dev.weft.testing.NoUndeliverableErrors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(NoUndeliverableErrors.class)
class TimeTest {

    static Stream<Arguments> flavours() {
        return Stream.of(
                Arguments.of("multi-thread", (Supplier<WeftRuntime.Builder>) () -> WeftRuntime.builder().workerThreads(2)),
                Arguments.of("current-thread", (Supplier<WeftRuntime.Builder>) () -> WeftRuntime.builder().currentThread()));
    }

    /** Polls a future on the runtime's own thread until it is pending or ready, from blockOn. */
    private static <T> Poll<T> pollOnce(WeftRuntime rt, Future<T> f) {
        return rt.blockOn(cx -> Poll.ready(f.poll(cx)));
    }

    @Test
    void aPausedSleepFiresExactlyWhenTheClockPassesItsDeadline() {
        try (WeftRuntime rt = WeftRuntime.builder().currentThread().pausedClock().build()) {
            Future<Void> s = Time.sleep(Duration.ofMillis(100));
            assertTrue(pollOnce(rt, s).isPending());
            rt.advanceTime(Duration.ofMillis(99));
            assertTrue(pollOnce(rt, s).isPending());
            rt.advanceTime(Duration.ofMillis(1));
            assertTrue(pollOnce(rt, s).isReady());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void pausedTimersFireInDeadlineOrder(String name, Supplier<WeftRuntime.Builder> make) {
        try (WeftRuntime rt = make.get().pausedClock().build()) {
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            List<JoinHandle<Void>> handles = new ArrayList<>();
            int[] delays = {50, 10, 40, 20, 30, 5000, 1, 70_000};
            for (int d : delays) {
                // A sleep counts from its first poll: poll it here, at time 0, before a worker
                // gets it (re-polling with another waker is part of the contract).
                Future<Void> sleep = Time.sleep(Duration.ofMillis(d));
                assertTrue(pollOnce(rt, sleep).isPending());
                handles.add(rt.spawn(Futures.map(sleep, v -> {
                    order.add(d);
                    return null;
                })));
            }
            // Small steps (100 x 1 ms, then 70 x 1 s), each settled before the next: the tasks of
            // the timers due by then are joined, so `order` is the order in which they fired.
            long now = 0;
            boolean[] joined = new boolean[delays.length];
            for (int step = 0; step < 170; step++) {
                long ms = step < 100 ? 1 : 1_000;
                rt.advanceTime(Duration.ofMillis(ms));
                now += ms;
                for (int i = 0; i < delays.length; i++) {
                    if (!joined[i] && delays[i] <= now) {
                        rt.blockOn(handles.get(i));
                        joined[i] = true;
                    }
                }
            }
            assertEquals(List.of(1, 10, 20, 30, 40, 50, 5000, 70_000), order);
        }
    }

    @Test
    void aSleepCreatedOnARuntimeThreadCountsFromCreationOneCreatedOutsideFromItsFirstPoll() {
        try (WeftRuntime rt = WeftRuntime.builder().currentThread().pausedClock().build()) {
            Future<Void> outside = Time.sleep(Duration.ofMillis(100)); // no runtime known yet
            Future<Void> inside = rt.blockOn(Futures.lazy(() -> Time.sleep(Duration.ofMillis(100)))); // at t = 0
            rt.advanceTime(Duration.ofMillis(50));
            assertTrue(pollOnce(rt, inside).isPending());
            assertTrue(pollOnce(rt, outside).isPending()); // first poll at t = 50: due at 150
            rt.advanceTime(Duration.ofMillis(50)); // t = 100
            assertTrue(pollOnce(rt, inside).isReady(), "counted from its creation at t = 0");
            assertTrue(pollOnce(rt, outside).isPending(), "counted from its first poll at t = 50");
            rt.advanceTime(Duration.ofMillis(50));
            assertTrue(pollOnce(rt, outside).isReady());
        }
    }

    @Test
    void timeoutCancelsTheSlowFutureAndFailsWithTimeoutException() {
        try (WeftRuntime rt = WeftRuntime.builder().currentThread().pausedClock().build()) {
            AtomicBoolean cancelled = new AtomicBoolean();
            Future<String> never = Futures.pollFn(cx -> Poll.pending(), () -> cancelled.set(true));
            Future<String> bounded = Time.timeout(never, Duration.ofSeconds(5));
            assertTrue(pollOnce(rt, bounded).isPending());
            rt.advanceTime(Duration.ofSeconds(5));
            CompletionException e = assertThrows(CompletionException.class, () -> pollOnce(rt, bounded));
            assertTrue(e.getCause() instanceof TimeoutException, e.toString());
            assertTrue(cancelled.get());
        }
    }

    @Test
    void timeoutLetsAFastFutureThrough() {
        try (WeftRuntime rt = WeftRuntime.builder().currentThread().pausedClock().build()) {
            assertEquals("fast", rt.blockOn(Time.timeout(Futures.ready("fast"), Duration.ofSeconds(1))));
        }
    }

    @Test
    void intervalTicksOnItsGridAndSkipsMissedTicks() {
        try (WeftRuntime rt = WeftRuntime.builder().currentThread().pausedClock().build()) {
            AsyncStream<Long> ticks = Time.interval(Duration.ofMillis(10));
            assertEquals(0L, rt.blockOn(cx -> Poll.ready(ticks.pollNext(cx))).value(), "tick 0 is immediate");
            assertTrue(rt.blockOn(cx -> Poll.ready(ticks.pollNext(cx))).isPending());
            rt.advanceTime(Duration.ofMillis(10));
            assertEquals(1L, rt.blockOn(cx -> Poll.ready(ticks.pollNext(cx))).value());
            // The consumer falls behind by 3.5 periods: one overdue tick, then back on the grid.
            rt.advanceTime(Duration.ofMillis(35));
            assertEquals(2L, rt.blockOn(cx -> Poll.ready(ticks.pollNext(cx))).value());
            assertTrue(rt.blockOn(cx -> Poll.ready(ticks.pollNext(cx))).isPending(), "missed ticks 3 and 4 are skipped");
            rt.advanceTime(Duration.ofMillis(5)); // t = 50 ms, grid point 5
            assertEquals(5L, rt.blockOn(cx -> Poll.ready(ticks.pollNext(cx))).value());
            ticks.cancel();
        }
    }

    @Test
    void aSleepFirstPolledAfterItsDeadlineCompletesWithoutMoreTimePassing() {
        for (WeftRuntime.Builder b : java.util.List.of(WeftRuntime.builder().currentThread(), WeftRuntime.builder().workerThreads(2))) {
            try (WeftRuntime rt = b.pausedClock().build()) {
                // Created inside the runtime, so it counts from now; polled only after its deadline.
                Future<Void> s = rt.blockOn(cx -> Poll.ready(Time.sleep(Duration.ofMillis(10))));
                rt.advanceTime(Duration.ofMillis(20));
                assertNull(rt.blockOn(rt.spawn(s)), "fired by the runtime, not by more time passing");
            }
        }
    }

    @Test
    void zeroDurationCompletesOnTheFirstPollAndPastDeadlinesToo() {
        try (WeftRuntime rt = WeftRuntime.builder().currentThread().pausedClock().build()) {
            assertTrue(pollOnce(rt, Time.sleep(Duration.ZERO)).isReady());
            assertTrue(pollOnce(rt, Time.sleepUntil(Instant.now().minusSeconds(1))).isReady());
        }
    }

    @Test
    void badArgumentsAreRejectedWithClearMessages() {
        assertEquals("duration is null", assertThrows(NullPointerException.class, () -> Time.sleep(null)).getMessage());
        assertEquals("duration >= 0 required but it was PT-1S",
                assertThrows(IllegalArgumentException.class, () -> Time.sleep(Duration.ofSeconds(-1))).getMessage());
        assertEquals("period > 0 required but it was PT0S",
                assertThrows(IllegalArgumentException.class, () -> Time.interval(Duration.ZERO)).getMessage());
        assertEquals("deadline is null", assertThrows(NullPointerException.class, () -> Time.sleepUntil(null)).getMessage());
        assertEquals("future is null",
                assertThrows(NullPointerException.class, () -> Time.timeout(null, Duration.ZERO)).getMessage());
        try (WeftRuntime rt = WeftRuntime.builder().currentThread().build()) {
            assertEquals("advanceTime requires a runtime built with pausedClock()",
                    assertThrows(IllegalStateException.class, () -> rt.advanceTime(Duration.ZERO)).getMessage());
        }
    }

    @Test
    void pollingASleepOutsideARuntimeFailsClearly() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MockTask.of(Time.sleep(Duration.ofMillis(1))).poll());
        assertTrue(e.getMessage().startsWith("sleep was polled outside a Weft runtime"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void realSleepsNeverFireEarly(String name, Supplier<WeftRuntime.Builder> make) {
        try (WeftRuntime rt = make.get().build()) {
            List<JoinHandle<Long>> handles = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long ms = i % 25;
                handles.add(rt.spawn(Futures.flatMap(Futures.lazy(System::nanoTime),
                        t0 -> Futures.map(Time.sleep(Duration.ofMillis(ms)), v -> (System.nanoTime() - t0) / 1_000_000 - ms))));
            }
            for (long lateness : rt.blockOn(Futures.joinAll(handles))) {
                assertTrue(lateness >= 0, "a sleep fired " + (-lateness) + " ms early");
            }
        }
    }

    @Test
    void aBusyWorkerStillFiresTimers() {
        // One worker that never goes idle: timers must fire between its tasks, not only in park.
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(1).build()) {
            AtomicBoolean slept = new AtomicBoolean();
            AtomicInteger spins = new AtomicInteger();
            JoinHandle<Void> sleeper = rt.spawn(Futures.map(Time.sleep(Duration.ofMillis(20)), v -> {
                slept.set(true);
                return null;
            }));
            JoinHandle<Integer> busy = rt.spawn(cx -> {
                spins.incrementAndGet();
                if (slept.get()) {
                    return Poll.ready(spins.get());
                }
                cx.waker().wake(); // always runnable: the worker never parks
                return Poll.pending();
            });
            assertTrue(rt.blockOn(busy) > 1);
            rt.blockOn(sleeper);
        }
    }

    @Test
    void aCancelledSleepIsNeverWoken() {
        try (WeftRuntime rt = WeftRuntime.builder().currentThread().pausedClock().build()) {
            dev.weft.testing.CountingWaker waker = new dev.weft.testing.CountingWaker();
            Context counting = Context.of(waker);
            Future<Void> s = Time.sleep(Duration.ofHours(1));
            assertTrue(rt.blockOn(cx -> Poll.ready(s.poll(counting))).isPending());
            s.cancel();
            rt.advanceTime(Duration.ofHours(2));
            assertEquals(0, waker.count());
            Future<Void> kept = Time.sleep(Duration.ofHours(1));
            assertTrue(rt.blockOn(cx -> Poll.ready(kept.poll(counting))).isPending());
            rt.advanceTime(Duration.ofHours(1));
            assertEquals(1, waker.count(), "the same path without cancel does wake");
        }
    }

    @Test
    void aHundredThousandTimersAllFire() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            List<JoinHandle<Integer>> hs = new ArrayList<>();
            for (int i = 0; i < 100_000; i++) {
                int d = (int) ((i * 7919L) % 50);
                hs.add(rt.spawn(Futures.map(Time.sleep(Duration.ofMillis(d)), v -> 1)));
            }
            assertEquals(Integer.valueOf(100_000), rt.blockOn(Futures.<List<Integer>, Integer>map(Futures.joinAll(hs), List::size)));
        }
    }
}
