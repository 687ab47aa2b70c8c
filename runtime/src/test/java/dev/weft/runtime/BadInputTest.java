package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.stream.AsyncStream;
import dev.weft.stream.Streams;
import dev.weft.sync.AsyncMutex;
import dev.weft.sync.AsyncSemaphore;
import dev.weft.sync.Broadcast;
import dev.weft.sync.ChannelClosedException;
import dev.weft.sync.Mpsc;
import dev.weft.sync.Oneshot;
import dev.weft.sync.Watch;
import dev.weft.testing.NullSweep;
import dev.weft.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The rows of the README's "Bad input" table that no other test covers; each row names the test
 * that backs it, and examples' ReadmeBadInputTableTest checks that those tests exist.
 */
class BadInputTest {
    static final Context NOOP = Context.of(() -> {});

    /** Values for the parameters that are not being nulled in a sweep. */
    static Object sample(Class<?> type) {
        if (type == Future.class) {
            return Futures.ready(1);
        }
        if (type == AsyncStream.class) {
            return Streams.of(1);
        }
        if (type == List.class || type == Iterable.class) {
            return List.of(Futures.ready(1));
        }
        if (type == Duration.class) {
            return Duration.ofMillis(1);
        }
        if (type == Instant.class) {
            return Instant.now();
        }
        if (type == Object.class) {
            return "sample";
        }
        if (type == Object[].class) {
            return new Object[] {1};
        }
        if (type == Executor.class) {
            return (Executor) Runnable::run;
        }
        if (type == Runnable.class) {
            return (Runnable) () -> {};
        }
        if (type.isInterface()) { // Function, BiFunction, Supplier, Predicate, Consumer ...
            return java.lang.reflect.Proxy.newProxyInstance(BadInputTest.class.getClassLoader(), new Class<?>[] {type},
                    (proxy, method, args) -> null);
        }
        return null;
    }

    @Test
    void everyStaticFactoryRejectsNullNamingTheParameter() {
        // Documented to accept null: a ready value, and the initial accumulator of a fold.
        int checked = NullSweep.assertStaticMethodsRejectNull(Futures.class, BadInputTest::sample, Set.of("ready/0"))
                + NullSweep.assertStaticMethodsRejectNull(Streams.class, BadInputTest::sample, Set.of("fold/1"))
                + NullSweep.assertStaticMethodsRejectNull(Time.class, BadInputTest::sample, Set.of())
                + NullSweep.assertStaticMethodsRejectNull(Watch.class, BadInputTest::sample, Set.of())
                // setErrorHandler(null) restores the default handler, as documented.
                + NullSweep.assertStaticMethodsRejectNull(WeftHooks.class, BadInputTest::sample, Set.of("setErrorHandler/0"));
        assertTrue(checked >= 40, "only " + checked + " parameters swept");
    }

    @Test
    void maxBlockingThreadsMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeftRuntime.builder().maxBlockingThreads(0));
        assertEquals("maxBlockingThreads > 0 required but it was 0", e.getMessage());
    }

    @Test
    void raceOfNoFuturesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Futures.race(List.of()));
        assertEquals("futures.size() > 0 required but it was 0", e.getMessage());
    }

    @Test
    void spawnAndBlockOnAfterShutdown() {
        WeftRuntime rt = WeftRuntime.builder().workerThreads(1).build();
        assertTrue(rt.shutdown(Duration.ofSeconds(5)));
        JoinHandle<Integer> h = rt.spawn(Futures.ready(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.blockOn(Futures.ready(1)));
        assertEquals("blockOn called on a runtime that is shut down", e.getMessage());
        assertThrows(CancellationException.class, () -> h.poll(NOOP));
    }

    @Test
    void sendingNullIsRefusedByEveryChannel() {
        Mpsc<String> mpsc = Mpsc.bounded(1);
        assertNullValue(() -> mpsc.sender().trySend(null));
        assertNullValue(() -> mpsc.sender().send(null));
        assertNullValue(() -> Oneshot.<String>create().send(null));
        assertNullValue(() -> Watch.create("a").send(null));
        assertNullValue(() -> Broadcast.<String>create(1).send(null));
    }

    private static void assertNullValue(org.junit.jupiter.api.function.Executable call) {
        assertEquals("value is null", assertThrows(NullPointerException.class, call).getMessage());
    }

    @Test
    void broadcastNeedsCapacityAndAReceiver() {
        assertEquals("capacity > 0 required but it was 0",
                assertThrows(IllegalArgumentException.class, () -> Broadcast.create(0)).getMessage());
        Broadcast<String> b = Broadcast.create(1);
        ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> b.send("lost?"));
        assertEquals("send on a broadcast channel with no receivers", e.getMessage());
        assertEquals("lost?", e.unsentValue());
    }

    @Test
    void aOneshotSendsOnce() {
        Oneshot<String> o = Oneshot.create();
        o.send("first");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> o.send("second"));
        assertEquals("send on a oneshot that already sent a value", e.getMessage());
    }

    @Test
    void aMutexGuardIsReleasedOnce() {
        AsyncMutex m = new AsyncMutex();
        AsyncMutex.Guard g = m.tryLock();
        g.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, g::close);
        assertEquals("mutex guard released twice", e.getMessage());
    }

    @Test
    void aClosedSemaphoreRefusesAcquires() {
        AsyncSemaphore s = new AsyncSemaphore(1);
        s.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.acquire().poll(NOOP));
        assertEquals("acquire on a closed semaphore", e.getMessage());
    }

    @Test
    void startSendWithoutReadinessIsRefused() {
        Mpsc<String> ch = Mpsc.bounded(1);
        Mpsc.Sender<String> sink = ch.sender();
        sink.trySend("fills it");
        assertTrue(sink.pollReady(NOOP).isPending());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sink.startSend("no room"));
        assertEquals("startSend without a ready pollReady", e.getMessage());
    }

    @Test
    void negativeCountsAreRefusedByTakeAndSkip() {
        assertEquals("n >= 0 required but it was -1",
                assertThrows(IllegalArgumentException.class, () -> Streams.take(Streams.of(1), -1)).getMessage());
        assertEquals("n >= 0 required but it was -1",
                assertThrows(IllegalArgumentException.class, () -> Streams.skip(Streams.of(1), -1)).getMessage());
    }

    @Test
    void completedFuturesRefuseAnotherPoll() {
        Future<Integer> mapped = Futures.map(Futures.ready(1), x -> x + 1);
        assertEquals(2, mapped.poll(NOOP).value());
        assertEquals("future polled after it completed",
                assertThrows(IllegalStateException.class, () -> mapped.poll(NOOP)).getMessage());
        Future<Void> acquired = new AsyncSemaphore(1).acquire();
        assertTrue(acquired.poll(NOOP).isReady());
        assertEquals("future polled after it completed",
                assertThrows(IllegalStateException.class, () -> acquired.poll(NOOP)).getMessage());
    }

    @Test
    void zeroDurationsCompleteOnTheirFirstPoll() {
        try (WeftRuntime rt = WeftRuntime.builder().currentThread().pausedClock().build()) {
            rt.blockOn(Futures.lazy(() -> {
                assertTrue(Time.sleep(Duration.ZERO).poll(NOOP).isReady());
                assertTrue(Time.sleepUntil(Instant.now().minusSeconds(1)).poll(NOOP).isReady());
                return null;
            }));
        }
    }

    @Test
    void advanceTimeNeedsAPausedClock() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(1).build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.advanceTime(Duration.ofSeconds(1)));
            assertEquals("advanceTime requires a runtime built with pausedClock()", e.getMessage());
        }
    }

    @Test
    void joinNextOnAnEmptySetFails() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(1).build()) {
            JoinSet<Integer> set = new JoinSet<>(rt);
            NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> rt.blockOn(set.joinNext()));
            assertEquals("JoinSet is empty: nothing to join", e.getMessage());
        }
    }

    @Test
    void pollValueOfAReadyNullIsNull() {
        Poll<Object> p = Futures.ready(null).poll(NOOP);
        assertTrue(p.isReady());
        assertSame(null, p.value());
    }
}
