package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.internal.util.Checks;

/**
 * A bounded channel where every receiver gets every value: this object is the sending side,
 * {@link #subscribe()} makes receivers. Sending never waits: the channel keeps the last
 * {@code capacity} values, and a receiver that falls further behind is told how many it missed
 * ({@link LaggedException}) and continues from the oldest value kept, as with tokio's broadcast.
 *
 * <pre>{@code
 * Broadcast<String> events = Broadcast.create(64);
 * Broadcast.Receiver<String> rx = events.subscribe();
 * events.send("started");
 * String first = runtime.blockOn(rx.receive());
 * }</pre>
 *
 * <p><strong>Closing:</strong> {@link #close()} ends the channel; receivers get {@code null} from
 * {@link Receiver#receive()} after the values they have not yet received. A receiver that is
 * done calls {@link Receiver#close()}; a send with no open receiver fails.
 *
 * <p><strong>Cancellation:</strong> cancelling a receive takes nothing.
 *
 * <p><strong>Thread safety:</strong> every method is safe from any thread; each receiver is
 * polled by one task at a time.
 *
 * @param <T> the type of the values
 */
public final class Broadcast<T> {
    // All guarded by `this`. Value number i lives in ring[i % capacity] while i >= tail - capacity.
    private final Object[] ring;
    private long tail;
    private int receivers;
    private boolean closed;
    private final WaitList waiters = new WaitList();

    private Broadcast(int capacity) {
        this.ring = new Object[capacity];
    }

    /**
     * Creates a channel that keeps the last {@code capacity} values for slow receivers.
     *
     * @param capacity how many values to keep, at least 1
     * @param <T> the type of the values
     * @return the sending side
     * @throws IllegalArgumentException if capacity is not positive
     */
    public static <T> Broadcast<T> create(int capacity) {
        return new Broadcast<>(Checks.positive(capacity, "capacity"));
    }

    /**
     * Sends the value to every open receiver. Never waits.
     *
     * @param value the value, not null
     * @return the number of receivers that will see it
     * @throws NullPointerException if value is null
     * @throws ChannelClosedException if the channel is closed or no receiver is open; the value
     *     is inside
     */
    public int send(T value) {
        Checks.notNull(value, "value");
        Object wakes;
        int count;
        synchronized (this) {
            if (closed || receivers == 0) {
                throw new ChannelClosedException(closed ? "send on a closed broadcast channel"
                        : "send on a broadcast channel with no receivers", value);
            }
            ring[(int) (tail % ring.length)] = value;
            tail++;
            count = receivers;
            wakes = waiters.removeAllTakingWakers();
        }
        Wakes.wake(wakes);
        return count;
    }

    /**
     * A new receiver that gets the values sent from now on.
     *
     * @return the receiver
     * @throws IllegalStateException if the channel is closed
     */
    public synchronized Receiver<T> subscribe() {
        if (closed) {
            throw new IllegalStateException("subscribe to a closed broadcast channel");
        }
        receivers++;
        return new Receiver<>(this, tail);
    }

    /** Ends the channel: receivers drain what they have not received, then get {@code null}. */
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
     * The number of open receivers (a snapshot).
     *
     * @return how many receivers a send would reach
     */
    public synchronized int receiverCount() {
        return receivers;
    }

    /**
     * One subscriber of a {@link Broadcast}.
     *
     * @param <T> the type of the values
     */
    public static final class Receiver<T> extends Waiter implements AutoCloseable {
        private final Broadcast<T> ch;
        private long next; // guarded by ch
        private boolean closedHere; // guarded by ch

        Receiver(Broadcast<T> ch, long next) {
            this.ch = ch;
            this.next = next;
        }

        /**
         * A future of the next value: completes with it, with {@code null} once the channel is
         * closed and drained, or fails with {@link LaggedException} if values were overwritten
         * before this receiver got them (the next receive continues with the oldest value kept).
         * Cancelling it takes nothing.
         *
         * @return the future
         */
        public Future<T> receive() {
            return new Future<T>() {
                @Override
                public Poll<T> poll(Context cx) {
                    return next(cx);
                }

                @Override
                public void cancel() {
                    leaveQueue();
                }
            };
        }

        private void leaveQueue() {
            synchronized (ch) {
                ch.waiters.remove(this);
                waker = null;
            }
        }

        @SuppressWarnings("unchecked")
        private Poll<T> next(Context cx) {
            if (!cx.tryConsumeBudget()) {
                return Poll.pending(); // the task was woken; see Mpsc.Receiver
            }
            Broadcast<T> c = ch;
            synchronized (c) {
                if (closedHere) {
                    throw new IllegalStateException("receive on a broadcast receiver that was closed");
                }
                long oldest = c.tail - c.ring.length;
                if (next < oldest) {
                    long missed = oldest - next;
                    next = oldest;
                    throw new LaggedException(missed);
                }
                if (next < c.tail) {
                    T v = (T) c.ring[(int) (next % c.ring.length)];
                    next++;
                    return Poll.ready(v);
                }
                if (c.closed) {
                    return Poll.ready(null);
                }
                waker = cx.waker();
                if (!queued) {
                    c.waiters.addLast(this);
                }
                return Poll.pending();
            }
        }

        /** Leaves the channel: later sends no longer count this receiver. Idempotent. */
        @Override
        public void close() {
            synchronized (ch) {
                if (closedHere) {
                    return;
                }
                closedHere = true;
                ch.waiters.remove(this);
                waker = null;
                ch.receivers--;
            }
        }
    }
}
