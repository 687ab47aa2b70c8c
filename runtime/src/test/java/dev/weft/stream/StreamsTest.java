package dev.weft.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.sync.Mpsc;
import dev.weft.testing.MockTask;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StreamsTest {
    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    static <T> List<T> collect(AsyncStream<T> s) {
        return MockTask.of(Streams.collect(s)).pollReady();
    }

    /** A stream that records whether it was cancelled and how often it was polled. */
    static final class Probe<T> implements AsyncStream<T> {
        final AsyncStream<T> inner;
        int polls;
        boolean cancelled;

        Probe(AsyncStream<T> inner) {
            this.inner = inner;
        }

        @Override
        public Poll<T> pollNext(Context cx) {
            polls++;
            return inner.pollNext(cx);
        }

        @Override
        public void cancel() {
            cancelled = true;
            inner.cancel();
        }
    }

    @Test
    void sourcesAndSimpleOperators() {
        assertEquals(List.of(1, 2, 3), collect(Streams.of(1, 2, 3)));
        assertEquals(List.of(), collect(Streams.empty()));
        assertEquals(List.of(0, 4, 16), collect(Streams.map(Streams.filter(Streams.fromIterable(range(6)), x -> x % 2 == 0),
                x -> x * x)));
        assertEquals(List.of(3, 4), collect(Streams.skip(Streams.fromIterable(range(5)), 3)));
        assertEquals(List.of(0, 1, 2), collect(Streams.takeWhile(Streams.fromIterable(range(9)), x -> x < 3)));
        assertEquals(45, MockTask.of(Streams.fold(Streams.fromIterable(range(10)), 0, Integer::sum)).pollReady());
        List<Integer> seen = new ArrayList<>();
        MockTask.of(Streams.forEach(Streams.of(7, 8), seen::add)).pollReady();
        assertEquals(List.of(7, 8), seen);
    }

    @Test
    void takeCancelsTheUpstreamWhenItStopsAndPollsNoFurther() {
        Probe<Integer> up = new Probe<>(Streams.fromIterable(range(100)));
        assertEquals(List.of(0, 1, 2), collect(Streams.take(up, 3)));
        assertTrue(up.cancelled);
        assertEquals(3, up.polls, "nothing is pulled that the consumer did not ask for");
        Probe<Integer> none = new Probe<>(Streams.fromIterable(range(5)));
        assertEquals(List.of(), collect(Streams.take(none, 0)));
        assertEquals(0, none.polls);
    }

    @Test
    void aStreamThatEndedRefusesAnotherPoll() {
        AsyncStream<Integer> s = Streams.map(Streams.of(1), x -> x);
        Context cx = Context.of(Waker.noop());
        assertEquals(1, s.pollNext(cx).value());
        assertEquals(null, s.pollNext(cx).value());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.pollNext(cx));
        assertEquals("stream polled after it ended", e.getMessage());
    }

    @Test
    void aThrowingFunctionFailsTheStreamAndCancelsTheUpstream() {
        Probe<Integer> up = new Probe<>(Streams.of(1, 2));
        IllegalStateException boom = new IllegalStateException("boom");
        AsyncStream<Integer> s = Streams.map(up, x -> {
            throw boom;
        });
        assertSame(boom, assertThrows(IllegalStateException.class, () -> collect(s)));
        assertTrue(up.cancelled);
        NullPointerException npe = assertThrows(NullPointerException.class,
                () -> collect(Streams.map(Streams.of(1), x -> null)));
        assertEquals("map function returned null", npe.getMessage());
    }

    @Test
    void errorStreamFailsOnFirstPoll() {
        IllegalArgumentException e = new IllegalArgumentException("x");
        assertSame(e, assertThrows(IllegalArgumentException.class, () -> collect(Streams.error(e))));
    }

    @Test
    void chunksWaitToFillAndReadyChunksDoNot() {
        assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4)), collect(Streams.chunks(Streams.fromIterable(range(5)), 3)));
        Mpsc<Integer> ch = Mpsc.unbounded();
        ch.sender().trySend(1);
        ch.sender().trySend(2);
        MockTask<List<List<Integer>>> batches = MockTask.of(Streams.collect(Streams.readyChunks(ch.receiver(), 10)));
        batches.pollPending(); // the batch [1, 2] was taken; the collector waits for more
        ch.sender().trySend(3);
        ch.sender().close();
        assertEquals(List.of(List.of(1, 2), List.of(3)), batches.pollReady());
    }

    @Test
    void zipPairsAndEndsWithTheShorterCancellingTheOther() {
        Probe<Integer> longer = new Probe<>(Streams.fromIterable(range(10)));
        assertEquals(List.of("a0", "b1"), collect(Streams.zip(Streams.of("a", "b"), longer, (s, i) -> s + i)));
        assertTrue(longer.cancelled);
    }

    @Test
    void flatMapBoundsConcurrencyAndMergesAsItemsBecomeReady() {
        List<Mpsc<Integer>> channels = List.of(Mpsc.unbounded(), Mpsc.unbounded(), Mpsc.unbounded());
        Probe<Integer> outer = new Probe<>(Streams.of(0, 1, 2));
        AsyncStream<Integer> merged = Streams.flatMap(outer, i -> channels.get(i).receiver(), 2);
        MockTask<Integer> t = MockTask.of(cx -> merged.pollNext(cx));
        t.pollPending();
        assertEquals(2, outer.polls, "two inner streams started, the third not yet asked for");
        channels.get(1).sender().trySend(10);
        assertTrue(t.isWoken());
        assertEquals(10, t.pollReady());
        channels.get(0).sender().close(); // an inner stream ends: room for the third
        MockTask<Integer> u = MockTask.of(cx -> merged.pollNext(cx));
        u.pollPending();
        channels.get(2).sender().trySend(20);
        assertEquals(20, MockTask.of(cx -> merged.pollNext(cx)).pollReady());
        merged.cancel();
        assertTrue(channels.get(1).sender().isReceiverClosed(), "cancelling cancels the running inner streams");
    }

    @Test
    void mergeInterleavesAndEndsWhenAllEnd() {
        List<Integer> all = collect(Streams.merge(List.of(Streams.of(1, 2), Streams.of(3), Streams.<Integer>empty())));
        assertEquals(List.of(1, 2, 3), all.stream().sorted().toList());
    }

    @Test
    void bufferedRunsFuturesConcurrentlyButYieldsInOrder() {
        Oneshots o = new Oneshots(3);
        AsyncStream<Integer> s = Streams.buffered(Streams.fromIterable(o.futures()), 2);
        MockTask<Integer> t = MockTask.of(cx -> s.pollNext(cx));
        t.pollPending();
        assertTrue(o.polled(0) && o.polled(1) && !o.polled(2), "two in flight");
        o.complete(1, 11);
        t.pollPending(); // the second finished first, but the first comes first
        o.complete(0, 10);
        assertEquals(10, t.pollReady());
        assertEquals(11, MockTask.of(cx -> s.pollNext(cx)).pollReady());
        o.complete(2, 12);
        assertEquals(12, MockTask.of(cx -> s.pollNext(cx)).pollReady());
    }

    /** Hand-completed futures that record whether they were polled. */
    static final class Oneshots {
        final List<dev.weft.sync.Oneshot<Integer>> shots = new ArrayList<>();
        final boolean[] polled;

        Oneshots(int n) {
            polled = new boolean[n];
            for (int i = 0; i < n; i++) {
                shots.add(dev.weft.sync.Oneshot.create());
            }
        }

        List<Future<Integer>> futures() {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < shots.size(); i++) {
                int k = i;
                fs.add(cx -> {
                    polled[k] = true;
                    return shots.get(k).receiver().poll(cx);
                });
            }
            return fs;
        }

        boolean polled(int i) {
            return polled[i];
        }

        void complete(int i, int v) {
            shots.get(i).send(v);
        }
    }

    @Test
    void forwardHonoursTheSinksBackpressure() {
        Mpsc<Integer> ch = Mpsc.bounded(2);
        Probe<Integer> src = new Probe<>(Streams.fromIterable(range(5)));
        MockTask<Void> fwd = MockTask.of(Streams.forward(src, ch.sender()));
        fwd.pollPending();
        assertEquals(2, src.polls, "only as many items pulled as the channel had room for");
        List<Integer> got = new ArrayList<>();
        while (!ch.receiver().isEnded()) {
            Integer v = ch.receiver().tryReceive();
            if (v != null) {
                got.add(v);
            }
            if (fwd.isWoken()) {
                fwd.poll();
            }
        }
        assertEquals(range(5), got);
    }

    @Test
    void foldsYieldWhenTheBudgetIsSpent() {
        MockTask<Integer> t = MockTask.of(Streams.fold(Streams.fromIterable(range(1000)), 0, Integer::sum));
        t.setBudget(10);
        t.pollPending();
        assertTrue(t.isWoken(), "a spent budget wakes the task so it is polled again");
        t.setBudget(Integer.MAX_VALUE);
        assertEquals(499500, t.pollReady());
    }

    @Test
    void badInput() {
        assertThrows(NullPointerException.class, () -> Streams.of(1, null));
        assertThrows(IllegalArgumentException.class, () -> Streams.take(Streams.empty(), -1));
        assertThrows(IllegalArgumentException.class, () -> Streams.flatMap(Streams.empty(), x -> Streams.empty(), 0));
        assertThrows(IllegalArgumentException.class, () -> Streams.chunks(Streams.empty(), 0));
        assertThrows(NullPointerException.class, () -> Streams.map(null, x -> x));
        List<Integer> withNull = new ArrayList<>(List.of(1));
        withNull.add(null);
        NullPointerException e = assertThrows(NullPointerException.class, () -> collect(Streams.fromIterable(withNull)));
        assertEquals("element 1 of the iterable is null", e.getMessage());
        assertFalse(withNull.isEmpty());
    }
}
