package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.internal.util.Checks;
import dev.weft.stream.AsyncStream;

/**
 * Holds the latest value and lets any number of receivers wait for it to change (configuration,
 * status, a shutdown flag). This object is the sending side; {@link #subscribe()} makes
 * receivers.
 *
 * <pre>{@code
 * Watch<String> config = Watch.create("v1");
 * Watch.Receiver<String> rx = config.subscribe();
 * config.send("v2");
 * String latest = runtime.blockOn(rx.changed());   // "v2"
 * }</pre>
 *
 * <p>Receivers see the latest value, not every value: two sends between polls are seen as one
 * change. {@link #close()} lets receivers see the end ({@code null} from {@link Receiver#changed()})
 * once they have seen the last value.
 *
 * <p><strong>Cancellation:</strong> cancelling {@code changed()} takes nothing; the change is
 * still there for the next call.
 *
 * <p><strong>Thread safety:</strong> every method is safe from any thread; each receiver is
 * polled by one task at a time.
 *
 * @param <T> the type of the value
 */
public final class Watch<T> {
    // All guarded by `this`.
    private T value;
    private long version;
    private boolean closed;
    private final WaitList waiters = new WaitList();

    private Watch(T initial) {
        this.value = initial;
    }

    /**
     * Creates a watch holding an initial value.
     *
     * @param initial the first value, not null
     * @param <T> the type of the value
     * @return the sending side
     * @throws NullPointerException if initial is null
     */
    public static <T> Watch<T> create(T initial) {
        return new Watch<>(Checks.notNull(initial, "initial"));
    }

    /**
     * Replaces the value and wakes every receiver waiting for a change. Never waits.
     *
     * @param newValue the value, not null
     * @throws NullPointerException if newValue is null
     * @throws ChannelClosedException if the watch was closed; the value is inside
     */
    public void send(T newValue) {
        Checks.notNull(newValue, "value");
        Object wakes;
        synchronized (this) {
            if (closed) {
                throw new ChannelClosedException("send on a closed watch", newValue);
            }
            value = newValue;
            version++;
            wakes = waiters.removeAllTakingWakers();
        }
        Wakes.wake(wakes);
    }

    /**
     * The latest value.
     *
     * @return the value last sent (or the initial one)
     */
    public synchronized T get() {
        return value;
    }

    /** Closes the watch: receivers get the end after the last value. Idempotent. */
    public void close() {
        Object wakes;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            wakes = waiters.removeAllTakingWakers();
        }
        Wakes.wake(wakes);
    }

    /**
     * A receiver that has seen the current value; its {@link Receiver#changed()} waits for the
     * next send.
     *
     * @return a new receiver
     */
    public synchronized Receiver<T> subscribe() {
        return new Receiver<>(this, version);
    }

    /**
     * One observer of a {@link Watch}, and an {@link AsyncStream} of its changes.
     *
     * @param <T> the type of the value
     */
    public static final class Receiver<T> extends Waiter implements AsyncStream<T> {
        private final Watch<T> watch;
        private long seen; // guarded by watch
        private boolean ended; // guarded by watch

        Receiver(Watch<T> watch, long seen) {
            this.watch = watch;
            this.seen = seen;
        }

        /**
         * The latest value, without marking it seen.
         *
         * @return the watch's current value
         */
        public T get() {
            return watch.get();
        }

        /**
         * A future of the next value this receiver has not seen: completes at once if one was
         * sent since it last looked, else waits; {@code null} once the watch is closed and the last
         * value was seen. Cancelling it takes nothing.
         *
         * @return the future
         */
        public Future<T> changed() {
            return new Future<T>() {
                @Override
                public Poll<T> poll(Context cx) {
                    return next(cx, false);
                }

                @Override
                public void cancel() {
                    Receiver.this.cancel();
                }
            };
        }

        /** Fails if polled after the end, per the stream contract; see {@link #changed()}. */
        @Override
        public Poll<T> pollNext(Context cx) {
            return next(cx, true);
        }

        private Poll<T> next(Context cx, boolean strictEnd) {
            Watch<T> w = watch;
            synchronized (w) {
                if (ended) {
                    if (strictEnd) {
                        throw new IllegalStateException("stream polled after it ended");
                    }
                    return Poll.ready(null);
                }
                if (w.version != seen) {
                    seen = w.version;
                    return Poll.ready(w.value);
                }
                if (w.closed) {
                    ended = true;
                    return Poll.ready(null);
                }
                waker = cx.waker();
                if (!queued) {
                    w.waiters.addLast(this);
                }
                return Poll.pending();
            }
        }

        /** Stops waiting: leaves the watch's queue. */
        @Override
        public void cancel() {
            synchronized (watch) {
                watch.waiters.remove(this);
                waker = null;
            }
        }
    }
}
