package dev.weft.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testing.MockTask;
import dev.weft.testing.NoUndeliverableErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoUndeliverableErrors.class)
class FuturesTest {

    /** A future completed by hand, which records its waker and whether it was cancelled. */
    static final class Manual<T> implements Future<T> {
        Waker waker;
        T value;
        boolean completed;
        Throwable failure;
        int polls;
        int cancels;

        @Override
        public Poll<T> poll(Context cx) {
            polls++;
            if (failure != null) {
                throw dev.weft.internal.util.Throwables.sneakyThrow(failure);
            }
            if (completed) {
                return Poll.ready(value);
            }
            waker = cx.waker();
            return Poll.pending();
        }

        void complete(T v) {
            value = v;
            completed = true;
            if (waker != null) {
                waker.wake();
            }
        }

        void fail(Throwable t) {
            failure = t;
            if (waker != null) {
                waker.wake();
            }
        }

        @Override
        public void cancel() {
            cancels++;
        }
    }

    @Test
    void readyIsReadyOnFirstPollAndRefusesASecond() {
        MockTask<String> t = MockTask.of(Futures.ready("a"));
        assertEquals("a", t.pollReady());
        IllegalStateException e = assertThrows(IllegalStateException.class, t::poll);
        assertEquals("future polled after it completed", e.getMessage());
    }

    @Test
    void failedRethrowsTheSameExceptionEvenIfChecked() {
        IOException io = new IOException("disk");
        MockTask<String> t = MockTask.of(Futures.failed(io));
        Throwable thrown = assertThrows(Throwable.class, t::poll);
        assertSame(io, thrown);
    }

    @Test
    void pendingNeverCompletes() {
        MockTask<Object> t = MockTask.of(Futures.pending());
        for (int i = 0; i < 3; i++) {
            t.pollPending();
        }
        assertFalse(t.isWoken());
    }

    @Test
    void lazyRunsNothingBeforeTheFirstPoll() {
        AtomicInteger calls = new AtomicInteger();
        Future<Integer> f = Futures.lazy(calls::incrementAndGet);
        assertEquals(0, calls.get());
        assertEquals(1, MockTask.of(f).pollReady());
        assertEquals(1, calls.get());
    }

    @Test
    void pollFnRunsItsCancelHookOnlyIfNotCompleted() {
        AtomicInteger cancels = new AtomicInteger();
        Future<Integer> pending = Futures.pollFn(cx -> Poll.pending(), cancels::incrementAndGet);
        MockTask.of(pending).pollPending();
        pending.cancel();
        pending.cancel();
        assertEquals(1, cancels.get());

        Future<Integer> done = Futures.pollFn(cx -> Poll.ready(1), cancels::incrementAndGet);
        MockTask.of(done).pollReady();
        done.cancel();
        assertEquals(1, cancels.get());
    }

    @Test
    void pollFnThatReturnsNullFailsClearly() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> MockTask.of(Futures.<Integer>pollFn(cx -> null)).poll());
        assertEquals("poll function returned null instead of a Poll", e.getMessage());
    }

    @Test
    void yieldNowWakesItselfOnceThenCompletes() {
        MockTask<Void> t = MockTask.of(Futures.yieldNow());
        t.pollPending();
        assertEquals(1, t.wakeCount());
        assertNull(t.pollReady());
    }

    @Test
    void mapAndFlatMapWaitForTheSource() {
        Manual<Integer> src = new Manual<>();
        Manual<String> inner = new Manual<>();
        Future<String> f = Futures.flatMap(Futures.map(src, x -> x + 1), x -> Futures.map(inner, s -> s + x));
        MockTask<String> t = MockTask.of(f);
        t.pollPending();
        src.complete(41);
        assertTrue(t.isWoken());
        t.pollPending();
        inner.complete("v");
        assertEquals("v42", t.pollReady());
    }

    @Test
    void mapperExceptionFailsTheChainAndRecoverTurnsItIntoAValue() {
        IllegalStateException boom = new IllegalStateException("boom");
        Future<Integer> failing = Futures.map(Futures.ready(1), x -> {
            throw boom;
        });
        assertSame(boom, assertThrows(IllegalStateException.class, () -> MockTask.of(failing).poll()));

        Future<Integer> recovered = Futures.map(Futures.recover(Futures.map(Futures.ready(1), x -> {
            throw boom;
        }), e -> e == boom ? 7 : -1), x -> x * 2);
        assertEquals(14, MockTask.of(recovered).pollReady());
    }

    @Test
    void recoverPassesValuesThrough() {
        assertEquals(3, MockTask.of(Futures.recover(Futures.ready(3), e -> -1)).pollReady());
    }

    @Test
    void flatMapThatReturnsNullFailsClearly() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> MockTask.of(Futures.<Integer, Integer>flatMap(Futures.ready(1), x -> null)).poll());
        assertEquals("flatMap mapper returned null instead of a future", e.getMessage());
    }

    @Test
    void leftNestedChainOfAMillionMapsDoesNotOverflowTheStack() {
        Future<Integer> f = Futures.ready(0);
        for (int i = 0; i < 1_000_000; i++) {
            f = Futures.map(f, x -> x + 1);
        }
        assertEquals(1_000_000, MockTask.of(f).pollReady());
    }

    static Future<Integer> countDown(int n, int acc) {
        return n == 0 ? Futures.ready(acc) : Futures.flatMap(Futures.ready(n), x -> countDown(x - 1, acc + 1));
    }

    @Test
    void recursiveFlatMapLoopOfAMillionStepsDoesNotOverflowTheStack() {
        assertEquals(1_000_000, MockTask.of(countDown(1_000_000, 0)).pollReady());
    }

    static Future<Integer> yieldingCountDown(int n) {
        return n == 0 ? Futures.ready(0) : Futures.flatMap(Futures.yieldNow(), v -> yieldingCountDown(n - 1));
    }

    @Test
    void recursiveFlatMapThatSuspendsKeepsTheChainFlat() {
        MockTask<Integer> t = MockTask.of(yieldingCountDown(100_000));
        int polls = 0;
        while (t.poll().isPending()) {
            assertTrue(t.isWoken());
            polls++;
        }
        assertEquals(100_000, polls);
    }

    @Test
    void absorbedChainsApplyTheirStepsInOrder() {
        Manual<String> src = new Manual<>();
        Future<String> inner = Futures.map(Futures.map(src, s -> s + "a"), s -> s + "b");
        Future<String> outer = Futures.map(Futures.map(inner, s -> s + "c"), s -> s + "d");
        MockTask<String> t = MockTask.of(Futures.flatMap(Futures.ready("x"), x -> Futures.map(outer, s -> s + x)));
        t.pollPending();
        src.complete("s");
        assertEquals("sabcdx", t.pollReady());
    }

    @Test
    void aChainAlreadyWaitingOnItsLastFutureCanBeChainedFurther() {
        Manual<String> inner = new Manual<>();
        Future<String> waiting = Futures.flatMap(Futures.ready(1), x -> inner);
        MockTask.of(waiting).pollPending(); // its only step ran; it now just waits on inner
        MockTask<String> t = MockTask.of(Futures.map(Futures.flatMap(Futures.ready(0), x -> waiting), s -> s + "!"));
        t.pollPending();
        inner.complete("v");
        assertEquals("v!", t.pollReady());
    }

    @Test
    void cancellingAChainCancelsTheFutureItWaitsOn() {
        Manual<Integer> src = new Manual<>();
        Future<Integer> f = Futures.map(Futures.map(src, x -> x), x -> x);
        MockTask.of(f).pollPending();
        f.cancel();
        assertEquals(1, src.cancels);
    }

    @Test
    void joinWaitsForBothAndCombines() {
        Manual<Integer> a = new Manual<>();
        Manual<Integer> b = new Manual<>();
        MockTask<Integer> t = MockTask.of(Futures.join(a, b, Integer::sum));
        t.pollPending();
        b.complete(2);
        t.pollPending();
        a.complete(40);
        assertEquals(42, t.pollReady());
    }

    @Test
    void joinFailureCancelsTheOtherSide() {
        Manual<Integer> a = new Manual<>();
        Manual<Integer> b = new Manual<>();
        MockTask<Integer> t = MockTask.of(Futures.join(a, b, Integer::sum));
        t.pollPending();
        IllegalArgumentException boom = new IllegalArgumentException("x");
        a.fail(boom);
        assertSame(boom, assertThrows(IllegalArgumentException.class, t::poll));
        assertEquals(1, b.cancels);
    }

    @Test
    void joinAllKeepsListOrderAndPollsOnlyWokenMembers() {
        List<Manual<Integer>> ms = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ms.add(new Manual<>());
        }
        MockTask<List<Integer>> t = MockTask.of(Futures.joinAll(ms));
        t.pollPending();
        for (Manual<Integer> m : ms) {
            assertEquals(1, m.polls);
        }
        ms.get(50).complete(50);
        t.pollPending();
        assertEquals(2, ms.get(50).polls);
        assertEquals(1, ms.get(49).polls, "a member that was not woken is not polled again");
        for (int i = ms.size() - 1; i >= 0; i--) {
            if (i != 50) {
                ms.get(i).complete(i);
            }
        }
        List<Integer> values = t.pollReady();
        for (int i = 0; i < 100; i++) {
            assertEquals(i, values.get(i));
        }
    }

    @Test
    void joinAllOfNothingIsAnEmptyList() {
        assertEquals(List.of(), MockTask.of(Futures.joinAll(List.<Future<Integer>>of())).pollReady());
    }

    @Test
    void joinAllFailureCancelsTheRest() {
        Manual<Integer> a = new Manual<>();
        Manual<Integer> b = new Manual<>();
        Manual<Integer> c = new Manual<>();
        MockTask<List<Integer>> t = MockTask.of(Futures.joinAll(List.of(a, b, c)));
        t.pollPending();
        RuntimeException boom = new RuntimeException("b failed");
        b.fail(boom);
        assertSame(boom, assertThrows(RuntimeException.class, t::poll));
        assertEquals(1, a.cancels);
        assertEquals(0, b.cancels);
        assertEquals(1, c.cancels);
    }

    @Test
    void raceReturnsTheFirstAndCancelsTheLosers() {
        Manual<String> a = new Manual<>();
        Manual<String> b = new Manual<>();
        Manual<String> c = new Manual<>();
        MockTask<String> t = MockTask.of(Futures.race(List.of(a, b, c)));
        t.pollPending();
        b.complete("b");
        assertEquals("b", t.pollReady());
        assertEquals(1, a.cancels);
        assertEquals(0, b.cancels);
        assertEquals(1, c.cancels);
    }

    @Test
    void raceFailureWinsToo() {
        Manual<String> a = new Manual<>();
        IllegalStateException boom = new IllegalStateException();
        MockTask<String> t = MockTask.of(Futures.race(a, Futures.failed(boom)));
        assertSame(boom, assertThrows(IllegalStateException.class, t::poll));
        assertEquals(1, a.cancels);
    }

    @Test
    void raceOfNothingIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Futures.race(List.<Future<Integer>>of()));
        assertEquals("futures.size() > 0 required but it was 0", e.getMessage());
    }

    @Test
    void timeoutCancelsTheInnerFutureWhenTheDeadlineComesFirst() {
        Manual<String> inner = new Manual<>();
        Manual<Void> deadline = new Manual<>();
        MockTask<String> t = MockTask.of(Futures.timeout(inner, deadline));
        t.pollPending();
        deadline.complete(null);
        assertTrue(t.isWoken());
        Throwable e = assertThrows(Throwable.class, t::poll);
        assertTrue(e instanceof TimeoutException, e.toString());
        assertEquals(1, inner.cancels);
    }

    @Test
    void timeoutCancelsTheDeadlineWhenTheFutureWins() {
        Manual<String> inner = new Manual<>();
        Manual<Void> deadline = new Manual<>();
        MockTask<String> t = MockTask.of(Futures.timeout(inner, deadline));
        t.pollPending();
        inner.complete("in time");
        assertEquals("in time", t.pollReady());
        assertEquals(1, deadline.cancels);
        assertEquals(0, inner.cancels);
    }

    @Test
    void everyFactoryNamesItsNullArgument() {
        Future<Integer> f = Futures.ready(1);
        assertNpe("error is null", () -> Futures.failed(null));
        assertNpe("supplier is null", () -> Futures.lazy(null));
        assertNpe("poll is null", () -> Futures.pollFn(null));
        assertNpe("onCancel is null", () -> Futures.pollFn(cx -> Poll.ready(1), null));
        assertNpe("future is null", () -> Futures.map(null, x -> x));
        assertNpe("mapper is null", () -> Futures.map(f, null));
        assertNpe("mapper is null", () -> Futures.flatMap(f, null));
        assertNpe("handler is null", () -> Futures.recover(f, null));
        assertNpe("left is null", () -> Futures.join(null, f, (a, b) -> a));
        assertNpe("combiner is null", () -> Futures.join(f, f, null));
        assertNpe("futures is null", () -> Futures.joinAll(null));
        assertNpe("futures[1] is null", () -> Futures.joinAll(java.util.Arrays.asList(f, null)));
        assertNpe("second is null", () -> Futures.race(f, null));
        assertNpe("deadline is null", () -> Futures.timeout(f, null));
        assertNpe("waker is null", () -> Context.of(null));
        assertNpe("mapper is null", () -> Poll.ready(1).map(null));
    }

    private static void assertNpe(String message, Runnable r) {
        assertEquals(message, assertThrows(NullPointerException.class, r::run).getMessage());
    }

    @Test
    void pollValueOfPendingFailsClearly() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Poll.pending().value());
        assertEquals("value() requires a ready poll but it was pending", e.getMessage());
        assertEquals("Ready(3)", Poll.ready(3).toString());
        assertSame(Poll.ready(null), Poll.ready(null));
    }
}
