package dev.weft.future;

import dev.weft.internal.util.Throwables;
import java.util.function.Function;
import java.util.function.Supplier;

/** The leaf futures of {@link Futures}: ready, failed, never, lazy, pollFn and yieldNow. */
final class FutureSimple {
    private FutureSimple() {}

    /** Completes with a value it already has. */
    static final class Ready<T> implements Future<T> {
        private final T value;
        private boolean done;

        Ready(T value) {
            this.value = value;
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("future polled after it completed");
            }
            done = true;
            return Poll.ready(value);
        }
    }

    /** Fails with an exception it already has. */
    static final class Failed<T> implements Future<T> {
        private final Throwable error;
        private boolean done;

        Failed(Throwable error) {
            this.error = error;
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("future polled after it completed");
            }
            done = true;
            throw Throwables.sneakyThrow(error);
        }
    }

    /** Never completes; registers nothing because nothing will ever happen. */
    enum Never implements Future<Object> {
        INSTANCE;

        @Override
        public Poll<Object> poll(Context cx) {
            return Poll.pending();
        }
    }

    /** Computes its value on the first poll. */
    static final class Lazy<T> implements Future<T> {
        private Supplier<? extends T> supplier;

        Lazy(Supplier<? extends T> supplier) {
            this.supplier = supplier;
        }

        @Override
        public Poll<T> poll(Context cx) {
            Supplier<? extends T> s = supplier;
            if (s == null) {
                throw new IllegalStateException("future polled after it completed");
            }
            supplier = null;
            return Poll.ready(s.get());
        }
    }

    /** A poll function with a cancel hook. */
    static final class PollFn<T> implements Future<T> {
        private final Function<? super Context, Poll<T>> poll;
        private final Runnable onCancel;
        private boolean done;

        PollFn(Function<? super Context, Poll<T>> poll, Runnable onCancel) {
            this.poll = poll;
            this.onCancel = onCancel;
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("future polled after it completed");
            }
            Poll<T> p;
            try {
                p = poll.apply(cx);
            } catch (Throwable t) {
                done = true;
                throw t;
            }
            if (p == null) {
                done = true;
                throw new NullPointerException("poll function returned null instead of a Poll");
            }
            done = p.isReady();
            return p;
        }

        @Override
        public void cancel() {
            if (!done) {
                done = true;
                if (onCancel != null) {
                    onCancel.run();
                }
            }
        }
    }

    /** Pending once, after waking its own task, then ready: hands the worker to other tasks. */
    static final class YieldNow implements Future<Void> {
        private int polls;

        @Override
        public Poll<Void> poll(Context cx) {
            switch (polls++) {
                case 0:
                    cx.waker().wake();
                    return Poll.pending();
                case 1:
                    return Poll.ready(null);
                default:
                    throw new IllegalStateException("future polled after it completed");
            }
        }
    }
}
