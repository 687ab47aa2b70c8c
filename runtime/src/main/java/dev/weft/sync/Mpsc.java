package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.util.Checks;
import dev.weft.internal.wake.Wakers;
import dev.weft.stream.AsyncSink;
import dev.weft.stream.AsyncStream;
import java.util.ArrayDeque;

/**
 * A multi-producer, single-consumer channel, bounded (a send waits for room: real backpressure)
 * or unbounded.
 *
 * <pre>{@code
 * Mpsc<Integer> ch = Mpsc.bounded(16);
 * Mpsc.Sender<Integer> tx = ch.sender();
 * runtime.spawn(Futures.flatMap(tx.send(1), v -> { tx.close(); return Futures.ready(null); }));
 * Integer first = runtime.blockOn(ch.receiver().receive());   // 1; null once all senders closed
 * }</pre>
 *
 * <p><strong>Order:</strong> items arrive in the order their sends completed; senders that wait
 * for room are admitted first come, first served.
 *
 * <p><strong>Closing:</strong> each {@link Sender} handle is closed once; when every handle
 * (the first and its {@link Sender#duplicate() duplicates}) is closed, the receiver sees the end
 * ({@code null}) after the items already sent. {@link Receiver#close()} closes the channel from
 * the other side: sends fail with {@link ChannelClosedException} carrying the unsent value, and
 * the receiver can still take what was sent before.
 *
 * <p><strong>Cancellation:</strong> cancelling a waiting send withdraws it, and the caller keeps
 * its value; a send whose value the channel already took completes (it is delivered exactly
 * once either way). Cancelling a receive takes nothing from the channel.
 *
 * <p><strong>Thread safety:</strong> senders may be used from any number of threads; the
 * receiver by one consumer at a time. Every operation is short and runs under the channel's
 * lock; wakers are woken after it is released.
 *
 * @param <T> the type of the items
 */
public final class Mpsc<T> {
    /*
     * Implementation notes:
     *
     * One monitor (this) guards everything. A bounded channel holds at most `capacity` items
     * plus reserved room: `items.size() + reserved <= capacity`. A send that finds room (and no
     * earlier sender waiting, for fairness) appends at once. Otherwise it queues as a Waiter.
     * Whenever room appears (the receiver takes an item, a reservation is released) admitOne()
     * moves the first waiter in: a send's value goes straight into the buffer (so the receiver
     * sees it without another round of scheduling), a sink readiness waiter gets a reservation.
     * A queued waiter therefore always means the channel is full, which is why the fast path
     * only checks room.
     */

    private final int capacity;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final WaitList waitingSenders = new WaitList();
    private int reserved;
    private int openSenders = 1;
    private boolean receiverClosed;
    private Waker receiverWaker;
    private final Sender<T> firstSender = new Sender<>(this);
    private final Receiver<T> receiver = new Receiver<>(this);

    private Mpsc(int capacity) {
        this.capacity = capacity;
    }

    /**
     * A channel that holds at most {@code capacity} items; a send waits while it is full.
     *
     * @param capacity the room, at least 1
     * @param <T> the type of the items
     * @return the channel
     * @throws IllegalArgumentException if capacity is not positive
     */
    public static <T> Mpsc<T> bounded(int capacity) {
        return new Mpsc<>(Checks.positive(capacity, "capacity"));
    }

    /**
     * A channel whose sends never wait. Memory is the limit: prefer {@link #bounded(int)} when a
     * producer can outrun its consumer.
     *
     * @param <T> the type of the items
     * @return the channel
     */
    public static <T> Mpsc<T> unbounded() {
        return new Mpsc<>(Integer.MAX_VALUE);
    }

    /**
     * The first sender handle; {@link Sender#duplicate()} makes more.
     *
     * @return the same handle on every call
     */
    public Sender<T> sender() {
        return firstSender;
    }

    /**
     * The receiver.
     *
     * @return the same receiver on every call
     */
    public Receiver<T> receiver() {
        return receiver;
    }

    /** Room for a new item right now. Caller holds the lock. */
    private boolean hasRoom() {
        return items.size() + reserved < capacity;
    }

    /**
     * Moves the first waiting sender into the room there is, returning its waker to wake after
     * the lock is released. Caller holds the lock. One is enough: every event that makes room
     * (the receiver takes an item, a reservation is dropped) makes room for exactly one, and a
     * queued waiter always means there was no room before.
     */
    private Waker admitOne() {
        if (!hasRoom()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        SendWaiter<T> w = (SendWaiter<T>) waitingSenders.removeFirst();
        if (w == null) {
            return null;
        }
        if (w.value != null) {
            items.add(w.value);
            w.value = null;
        } else {
            reserved++;
        }
        w.granted = true;
        Waker k = w.waker;
        w.waker = null;
        return k;
    }

    private static void wake(Waker a, Waker b) {
        if (a != null) {
            Wakers.wake(a);
        }
        if (b != null) {
            Wakers.wake(b);
        }
    }

    /** Caller holds the lock; returns the receiver's waker to wake after releasing it. */
    private Waker takeReceiverWaker() {
        Waker w = receiverWaker;
        receiverWaker = null;
        return w;
    }

    private ChannelClosedException closedFor(Object value) {
        return new ChannelClosedException("send on a channel whose receiver was closed", value);
    }

    /** A send or a sink's wait for room, queued in waitingSenders. */
    static class SendWaiter<T> extends Waiter {
        /** The value to move in on admission, or null for a sink's readiness wait. */
        T value;
        /** Admitted: the value is in the buffer, or room is reserved. */
        boolean granted;
    }

    /** The future of {@link Sender#send(Object)}. */
    private static final class SendFuture<T> extends SendWaiter<T> implements Future<Void> {
        private final Mpsc<T> ch;
        private boolean done;

        SendFuture(Mpsc<T> ch, T value) {
            this.ch = ch;
            this.value = value;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            Mpsc<T> c = ch;
            Waker wakeReceiver;
            synchronized (c) {
                if (done) {
                    throw new IllegalStateException("future polled after it completed");
                }
                if (granted) {
                    done = true;
                    return Poll.ready(null);
                }
                if (c.receiverClosed) {
                    done = true;
                    c.waitingSenders.remove(this);
                    T v = value;
                    value = null;
                    throw c.closedFor(v);
                }
                if (queued) {
                    waker = cx.waker();
                    return Poll.pending();
                }
                if (!c.hasRoom()) {
                    waker = cx.waker();
                    c.waitingSenders.addLast(this);
                    return Poll.pending();
                }
                c.items.add(value);
                value = null;
                done = true;
                wakeReceiver = c.takeReceiverWaker();
            }
            if (wakeReceiver != null) {
                Wakers.wake(wakeReceiver);
            }
            return Poll.ready(null);
        }

        @Override
        public void cancel() {
            synchronized (ch) {
                // Queued: withdraw, the caller keeps the value. Granted: already delivered.
                ch.waitingSenders.remove(this);
                waker = null;
                done = true;
            }
        }
    }

    /**
     * A sending handle. Each handle is closed once, by {@link #close()}; the channel ends when
     * every handle is closed.
     *
     * @param <T> the type of the items
     */
    public static final class Sender<T> implements AsyncSink<T>, AutoCloseable {
        private final Mpsc<T> ch;
        /*
         * Written under ch's lock, read by send() without it: a send that follows close() (in
         * program order, or after anything that orders the two threads) sees true; a send
         * racing a close of the same handle may go either way, as it may under the lock. So
         * the common send costs one lock acquisition, in its poll, not two.
         */
        private volatile boolean closed;
        private SendWaiter<T> readiness; // this handle's AsyncSink wait; guarded by ch

        Sender(Mpsc<T> ch) {
            this.ch = ch;
        }

        /**
         * A future that waits for room, then sends. Fails with {@link ChannelClosedException}
         * (carrying the value) if the receiver closed, or if this handle was closed.
         *
         * @param value the item, not null
         * @return the future of the send; nothing happens until it is polled
         * @throws NullPointerException if value is null
         */
        @Override
        public Future<Void> send(T value) {
            Checks.notNull(value, "value");
            if (closed) {
                return dev.weft.future.Futures.failed(
                        new ChannelClosedException("send on a sender handle that was closed", value));
            }
            return new SendFuture<>(ch, value);
        }

        /**
         * Sends now if there is room.
         *
         * @param value the item, not null
         * @return true if sent, false if the channel is full
         * @throws NullPointerException if value is null
         * @throws ChannelClosedException if the receiver or this handle closed; the value is inside
         */
        public boolean trySend(T value) {
            Checks.notNull(value, "value");
            Waker w;
            synchronized (ch) {
                checkOpen(value);
                if (!ch.hasRoom()) {
                    return false;
                }
                ch.items.add(value);
                w = ch.takeReceiverWaker();
            }
            if (w != null) {
                Wakers.wake(w);
            }
            return true;
        }

        private void checkOpen(T value) {
            if (closed) {
                throw new ChannelClosedException("send on a sender handle that was closed", value);
            }
            if (ch.receiverClosed) {
                throw ch.closedFor(value);
            }
        }

        /**
         * Another handle to the same channel, to be closed on its own.
         *
         * @return the new handle
         * @throws IllegalStateException if this handle is closed
         */
        public Sender<T> duplicate() {
            synchronized (ch) {
                if (closed) {
                    throw new IllegalStateException("duplicate of a sender handle that was closed");
                }
                ch.openSenders++;
            }
            return new Sender<>(ch);
        }

        /**
         * Whether the receiver has closed, so sends will fail.
         *
         * @return true once the receiver is closed
         */
        public boolean isReceiverClosed() {
            synchronized (ch) {
                return ch.receiverClosed;
            }
        }

        /** Closes this handle (idempotent); releases room it reserved through {@link #pollReady}. */
        @Override
        public void close() {
            Waker admitted;
            Waker rw = null;
            synchronized (ch) {
                if (closed) {
                    return;
                }
                closed = true;
                admitted = releaseReadiness();
                if (--ch.openSenders == 0) {
                    rw = ch.takeReceiverWaker();
                }
            }
            wake(admitted, rw);
        }

        /** Drops this handle's sink wait or reservation. Caller holds the lock. */
        private Waker releaseReadiness() {
            SendWaiter<T> r = readiness;
            if (r == null) {
                return null;
            }
            ch.waitingSenders.remove(r);
            r.waker = null;
            if (r.granted) {
                r.granted = false;
                ch.reserved--;
                return ch.admitOne();
            }
            return null;
        }

        @Override
        public Poll<Void> pollReady(Context cx) {
            synchronized (ch) {
                checkOpen(null);
                SendWaiter<T> r = readiness;
                if (r == null) {
                    r = readiness = new SendWaiter<>();
                }
                if (r.granted) {
                    return Poll.ready(null);
                }
                r.waker = cx.waker();
                if (r.queued) {
                    return Poll.pending();
                }
                if (ch.hasRoom()) {
                    ch.reserved++;
                    r.granted = true;
                    r.waker = null;
                    return Poll.ready(null);
                }
                ch.waitingSenders.addLast(r);
                return Poll.pending();
            }
        }

        @Override
        public void startSend(T item) {
            Checks.notNull(item, "item");
            Waker w;
            synchronized (ch) {
                SendWaiter<T> r = readiness;
                if (r == null || !r.granted) {
                    throw new IllegalStateException("startSend without a ready pollReady");
                }
                checkOpen(item);
                r.granted = false;
                ch.reserved--;
                ch.items.add(item);
                w = ch.takeReceiverWaker();
            }
            if (w != null) {
                Wakers.wake(w);
            }
        }

        /** Items are visible to the receiver as soon as they are sent: always ready. */
        @Override
        public Poll<Void> pollFlush(Context cx) {
            return Poll.ready(null);
        }

        /** Closes this handle; ready at once. */
        @Override
        public Poll<Void> pollClose(Context cx) {
            close();
            return Poll.ready(null);
        }
    }

    /**
     * The receiving side: an {@link AsyncStream} of the items that ends ({@code null}) once every
     * sender handle is closed and the buffer is drained, or after {@link #close()} and the drain.
     *
     * @param <T> the type of the items
     */
    public static final class Receiver<T> implements AsyncStream<T>, AutoCloseable {
        private final Mpsc<T> ch;
        private boolean ended; // guarded by ch

        Receiver(Mpsc<T> ch) {
            this.ch = ch;
        }

        /** Fails if polled after the end, per the stream contract; see {@link #receive()}. */
        @Override
        public Poll<T> pollNext(Context cx) {
            return next(cx, true);
        }

        /**
         * A future of the next item, {@code null} at the end (and after it, again). Cancelling it
         * takes nothing from the channel.
         *
         * @return the future; it polls this receiver
         */
        public Future<T> receive() {
            return cx -> next(cx, false);
        }

        /**
         * Takes an item if one is buffered, without waiting.
         *
         * @return the next item, or {@code null} if none is buffered now or the channel ended
         *     (tell them apart with {@link #isEnded()})
         */
        public T tryReceive() {
            Poll<T> p = next(null, false);
            return p == null ? null : p.value();
        }

        /** The receive step; with cx == null it never registers and returns null for "empty". */
        private Poll<T> next(Context cx, boolean strictEnd) {
            if (cx != null && !cx.tryConsumeBudget()) {
                // A consumer that always finds items would keep its worker forever (tokio's
                // channels consume the same budget). The task was woken; it is polled again soon.
                return Poll.pending();
            }
            T item;
            Waker admitted;
            synchronized (ch) {
                if (ended) {
                    if (strictEnd) {
                        throw new IllegalStateException("stream polled after it ended");
                    }
                    return Poll.ready(null);
                }
                item = ch.items.poll();
                if (item == null) {
                    if (ch.openSenders == 0 || ch.receiverClosed) {
                        ended = true;
                        return Poll.ready(null);
                    }
                    if (cx == null) {
                        return null;
                    }
                    ch.receiverWaker = cx.waker();
                    return Poll.pending();
                }
                admitted = ch.admitOne();
            }
            if (admitted != null) {
                Wakers.wake(admitted);
            }
            return Poll.ready(item);
        }

        /**
         * Closes the channel from the receiving side: waiting and later sends fail with
         * {@link ChannelClosedException} carrying their values; items already sent can still be
         * received. Idempotent.
         */
        @Override
        public void close() {
            Object senders;
            synchronized (ch) {
                if (ch.receiverClosed) {
                    return;
                }
                ch.receiverClosed = true;
                ch.receiverWaker = null;
                senders = ch.waitingSenders.removeAllTakingWakers();
            }
            Wakes.wake(senders);
        }

        /** Closes the channel and drops what is buffered: the consumer is gone. */
        @Override
        public void cancel() {
            close();
            synchronized (ch) {
                ch.items.clear();
                ended = true;
            }
        }

        /**
         * Whether the receiver has returned the end.
         *
         * @return true once the end was received
         */
        public boolean isEnded() {
            synchronized (ch) {
                return ended;
            }
        }
    }
}
