package dev.weft.stream;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.FutureSet;
import dev.weft.future.Poll;
import dev.weft.internal.util.Throwables;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/** The operators behind {@link Streams}; each polls its upstream only when it is polled. */
final class StreamOps {
    private StreamOps() {}

    /*
     * Operators that may loop over an always-ready upstream (filter, skip, fold...) consume the
     * task's cooperative budget per item, so draining a long ready source still yields the worker.
     */

    static <T> T nonNullResult(T value, String what) {
        if (value == null) {
            throw new NullPointerException(what + " returned null");
        }
        return value;
    }

    static final class FromIterable<T> extends EndCheckedStream<T> {
        private Iterable<? extends T> source;
        private Iterator<? extends T> it;
        private long index;

        FromIterable(Iterable<? extends T> source) {
            this.source = source;
        }

        @Override
        Poll<T> next(Context cx) {
            if (it == null) {
                it = source.iterator();
                source = null;
            }
            if (!it.hasNext()) {
                it = null;
                return Poll.ready(null);
            }
            if (!cx.tryConsumeBudget()) {
                return Poll.pending();
            }
            T v = it.next();
            if (v == null) {
                throw new NullPointerException("element " + index + " of the iterable is null");
            }
            index++;
            return Poll.ready(v);
        }

        @Override
        void release() {
            it = null;
            source = null;
        }
    }

    static final class Failed<T> extends EndCheckedStream<T> {
        private final Throwable error;

        Failed(Throwable error) {
            this.error = error;
        }

        @Override
        Poll<T> next(Context cx) {
            throw Throwables.sneakyThrow(error);
        }

        @Override
        void release() {}
    }

    /** Base of the one-upstream operators. */
    abstract static class Op<T, R> extends EndCheckedStream<R> {
        AsyncStream<T> up;

        Op(AsyncStream<T> up) {
            this.up = up;
        }

        /** Polls upstream; on its end drops the reference (nothing left to cancel). */
        final Poll<T> pollUp(Context cx) {
            Poll<T> p = up.pollNext(cx);
            if (p.isReady() && p.value() == null) {
                up = null;
            }
            return p;
        }

        /** Stops early: cancels the upstream and ends this stream. */
        final Poll<R> stop() {
            release();
            return Poll.ready(null);
        }

        @Override
        final void release() {
            AsyncStream<T> u = up;
            up = null;
            if (u != null) {
                u.cancel();
            }
            releaseMore();
        }

        /** Cancels what the operator holds besides its upstream. */
        void releaseMore() {}
    }

    static final class Map<T, R> extends Op<T, R> {
        private final Function<? super T, ? extends R> fn;

        Map(AsyncStream<T> up, Function<? super T, ? extends R> fn) {
            super(up);
            this.fn = fn;
        }

        @Override
        Poll<R> next(Context cx) {
            Poll<T> p = pollUp(cx);
            if (p.isPending()) {
                return Poll.pending();
            }
            T v = p.value();
            return Poll.ready(v == null ? null : nonNullResult(fn.apply(v), "map function"));
        }
    }

    static final class Filter<T> extends Op<T, T> {
        private final Predicate<? super T> keep;

        Filter(AsyncStream<T> up, Predicate<? super T> keep) {
            super(up);
            this.keep = keep;
        }

        @Override
        Poll<T> next(Context cx) {
            for (;;) {
                Poll<T> p = pollUp(cx);
                if (p.isPending() || p.value() == null || keep.test(p.value())) {
                    return p;
                }
                if (!cx.tryConsumeBudget()) {
                    return Poll.pending();
                }
            }
        }
    }

    static final class Take<T> extends Op<T, T> {
        private long left;

        Take(AsyncStream<T> up, long n) {
            super(up);
            this.left = n;
        }

        @Override
        Poll<T> next(Context cx) {
            if (left == 0) {
                return stop();
            }
            Poll<T> p = pollUp(cx);
            if (p.isReady() && p.value() != null) {
                left--;
            }
            return p;
        }
    }

    static final class TakeWhile<T> extends Op<T, T> {
        private final Predicate<? super T> test;

        TakeWhile(AsyncStream<T> up, Predicate<? super T> test) {
            super(up);
            this.test = test;
        }

        @Override
        Poll<T> next(Context cx) {
            Poll<T> p = pollUp(cx);
            if (p.isReady() && p.value() != null && !test.test(p.value())) {
                return stop();
            }
            return p;
        }
    }

    static final class Skip<T> extends Op<T, T> {
        private long left;

        Skip(AsyncStream<T> up, long n) {
            super(up);
            this.left = n;
        }

        @Override
        Poll<T> next(Context cx) {
            for (;;) {
                Poll<T> p = pollUp(cx);
                if (left == 0 || p.isPending() || p.value() == null) {
                    return p;
                }
                left--;
                if (!cx.tryConsumeBudget()) {
                    return Poll.pending();
                }
            }
        }
    }

    /** chunks (wait to fill) and readyChunks (take what is ready now). */
    static final class Chunks<T> extends Op<T, List<T>> {
        private final int size;
        private final boolean waitToFill;
        private List<T> chunk;
        private boolean upstreamEnded;

        Chunks(AsyncStream<T> up, int size, boolean waitToFill) {
            super(up);
            this.size = size;
            this.waitToFill = waitToFill;
        }

        @Override
        Poll<List<T>> next(Context cx) {
            if (upstreamEnded) {
                return Poll.ready(null);
            }
            for (;;) {
                Poll<T> p = pollUp(cx);
                if (p.isPending()) {
                    if (!waitToFill && chunk != null) {
                        return Poll.ready(takeChunk());
                    }
                    return Poll.pending();
                }
                T v = p.value();
                if (v == null) {
                    upstreamEnded = true;
                    return Poll.ready(chunk == null ? null : takeChunk());
                }
                if (chunk == null) {
                    chunk = new ArrayList<>(Math.min(size, 64));
                }
                chunk.add(v);
                if (chunk.size() == size) {
                    return Poll.ready(takeChunk());
                }
            }
        }

        private List<T> takeChunk() {
            List<T> c = chunk;
            chunk = null;
            return c;
        }
    }

    /**
     * flatMap with bounded concurrency, and merge: each active inner stream's next item is a
     * future in a FutureSet, so only the inner streams that were woken are polled.
     */
    static final class FlatMerge<T, R> extends Op<T, R> {
        private final Function<? super T, ? extends AsyncStream<? extends R>> fn;
        private final int concurrency;
        private final FutureSet<NextItem<R>> active = new FutureSet<>();

        FlatMerge(AsyncStream<T> up, Function<? super T, ? extends AsyncStream<? extends R>> fn, int concurrency) {
            super(up);
            this.fn = fn;
            this.concurrency = concurrency;
        }

        @Override
        Poll<R> next(Context cx) {
            for (;;) {
                // Start inner streams while there is room and the outer has them ready.
                while (up != null && active.size() < concurrency) {
                    Poll<T> p = pollUp(cx);
                    if (p.isPending()) {
                        break;
                    }
                    if (p.value() == null) {
                        break;
                    }
                    AsyncStream<? extends R> inner = nonNullResult(fn.apply(p.value()), "flatMap function");
                    active.add(new NextItem<R>(inner));
                }
                if (active.isEmpty()) {
                    return up == null ? Poll.ready(null) : Poll.pending();
                }
                Poll<FutureSet.Completion<NextItem<R>>> c = active.pollNext(cx);
                if (c.isPending()) {
                    return Poll.pending();
                }
                NextItem<R> done = c.value().get(); // rethrows an inner stream's failure
                if (done.item != null) {
                    R item = done.item;
                    done.item = null;
                    active.add(done); // the same inner stream, waiting for its next item
                    return Poll.ready(item);
                }
                // That inner stream ended; room for another.
            }
        }

        @Override
        void releaseMore() {
            active.cancelAll();
        }
    }

    /** A future of one inner stream's next item; re-added to the set after each item. */
    static final class NextItem<R> implements Future<NextItem<R>> {
        private AsyncStream<? extends R> stream;
        R item;

        NextItem(AsyncStream<? extends R> stream) {
            this.stream = stream;
        }

        @Override
        public Poll<NextItem<R>> poll(Context cx) {
            Poll<? extends R> p = stream.pollNext(cx);
            if (p.isPending()) {
                return Poll.pending();
            }
            item = p.value();
            if (item == null) {
                stream = null;
            }
            return Poll.ready(this);
        }

        @Override
        public void cancel() {
            AsyncStream<? extends R> s = stream;
            stream = null;
            if (s != null) {
                s.cancel();
            }
        }
    }

    static final class Zip<A, B, R> extends EndCheckedStream<R> {
        private AsyncStream<A> left;
        private AsyncStream<B> right;
        private final BiFunction<? super A, ? super B, ? extends R> combine;
        private A pendingLeft;

        Zip(AsyncStream<A> left, AsyncStream<B> right, BiFunction<? super A, ? super B, ? extends R> combine) {
            this.left = left;
            this.right = right;
            this.combine = combine;
        }

        @Override
        Poll<R> next(Context cx) {
            if (pendingLeft == null) {
                Poll<A> a = left.pollNext(cx);
                if (a.isPending()) {
                    return Poll.pending();
                }
                if (a.value() == null) {
                    left = null;
                    release();
                    return Poll.ready(null);
                }
                pendingLeft = a.value();
            }
            Poll<B> b = right.pollNext(cx);
            if (b.isPending()) {
                return Poll.pending();
            }
            if (b.value() == null) {
                right = null;
                release();
                return Poll.ready(null);
            }
            A a = pendingLeft;
            pendingLeft = null;
            return Poll.ready(nonNullResult(combine.apply(a, b.value()), "zip function"));
        }

        @Override
        void release() {
            pendingLeft = null;
            AsyncStream<A> l = left;
            AsyncStream<B> r = right;
            left = null;
            right = null;
            if (l != null) {
                l.cancel();
            }
            if (r != null) {
                r.cancel();
            }
        }
    }

    /** Order-preserving concurrency over a stream of futures (futures-rs's buffered). */
    static final class Buffered<T> extends Op<Future<? extends T>, T> {
        private final int limit;
        private final FutureSet<T> running = new FutureSet<>();
        private final ArrayDeque<Integer> order = new ArrayDeque<>();
        private final java.util.HashMap<Integer, T> finished = new java.util.HashMap<>();

        Buffered(AsyncStream<Future<? extends T>> up, int limit) {
            super(up);
            this.limit = limit;
        }

        @Override
        Poll<T> next(Context cx) {
            for (;;) {
                while (up != null && running.size() + finished.size() < limit) {
                    Poll<Future<? extends T>> p = pollUp(cx);
                    if (p.isPending() || p.value() == null) {
                        break;
                    }
                    order.add(running.add(p.value()));
                }
                Integer head = order.peek();
                if (head == null) {
                    return up == null ? Poll.ready(null) : Poll.pending();
                }
                if (finished.containsKey(head)) {
                    order.poll();
                    return Poll.ready(finished.remove(head));
                }
                Poll<FutureSet.Completion<T>> c = running.pollNext(cx);
                if (c.isPending()) {
                    return Poll.pending();
                }
                FutureSet.Completion<T> done = c.value();
                finished.put(done.key(), nonNullResult(done.get(), "a buffered future"));
            }
        }

        @Override
        void releaseMore() {
            running.cancelAll();
            finished.clear();
            order.clear();
        }
    }

    static final class Fold<T, R> implements Future<R> {
        private AsyncStream<T> up;
        private R acc;
        private final BiFunction<? super R, ? super T, ? extends R> step;

        Fold(AsyncStream<T> up, R initial, BiFunction<? super R, ? super T, ? extends R> step) {
            this.up = up;
            this.acc = initial;
            this.step = step;
        }

        @Override
        public Poll<R> poll(Context cx) {
            if (up == null) {
                throw new IllegalStateException("future polled after it completed");
            }
            for (;;) {
                Poll<T> p;
                try {
                    p = up.pollNext(cx);
                } catch (Throwable t) {
                    up = null;
                    throw t;
                }
                if (p.isPending()) {
                    return Poll.pending();
                }
                if (p.value() == null) {
                    up = null;
                    R r = acc;
                    acc = null;
                    return Poll.ready(r);
                }
                try {
                    acc = step.apply(acc, p.value());
                } catch (Throwable t) {
                    cancel();
                    throw t;
                }
                if (!cx.tryConsumeBudget()) {
                    return Poll.pending();
                }
            }
        }

        @Override
        public void cancel() {
            AsyncStream<T> u = up;
            up = null;
            acc = null;
            if (u != null) {
                u.cancel();
            }
        }
    }

    static <T> BiFunction<Void, T, Void> forEachStep(Consumer<? super T> action) {
        return (v, item) -> {
            action.accept(item);
            return null;
        };
    }

    static final class Forward<T> implements Future<Void> {
        private AsyncStream<T> up;
        private final AsyncSink<T> sink;
        private boolean closing;
        private boolean done;

        Forward(AsyncStream<T> up, AsyncSink<T> sink) {
            this.up = up;
            this.sink = sink;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("future polled after it completed");
            }
            try {
                while (!closing) {
                    if (sink.pollReady(cx).isPending()) {
                        return Poll.pending();
                    }
                    Poll<T> p = up.pollNext(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    if (p.value() == null) {
                        up = null;
                        closing = true;
                        break;
                    }
                    sink.startSend(p.value());
                }
                if (sink.pollClose(cx).isPending()) {
                    return Poll.pending();
                }
            } catch (Throwable t) {
                cancel();
                throw t;
            }
            done = true;
            return Poll.ready(null);
        }

        @Override
        public void cancel() {
            done = true;
            AsyncStream<T> u = up;
            up = null;
            if (u != null) {
                u.cancel();
            }
        }
    }
}
