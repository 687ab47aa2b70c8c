package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.util.Checks;
import dev.weft.internal.wake.Wakers;

/**
 * A channel for exactly one value: this object is the sending side, {@link #receiver()} the
 * receiving side, a future of the value.
 *
 * <pre>{@code
 * Oneshot<String> reply = Oneshot.create();
 * runtime.spawn(Futures.lazy(() -> { reply.send("done"); return null; }));
 * String v = runtime.blockOn(reply.receiver());
 * }</pre>
 *
 * <p><strong>Closing:</strong> a sender that gives up calls {@link #close()}; the receiver then
 * fails with {@link ChannelClosedException}. A receiver that is cancelled closes the channel from
 * its side, and a later {@link #send} fails with the value inside the exception.
 *
 * <p><strong>Thread safety:</strong> every method is safe from any thread. The receiver is a
 * future and, like every future, is polled by one task at a time.
 *
 * @param <T> the type of the value
 */
public final class Oneshot<T> {
    private static final int EMPTY = 0;
    private static final int SENT = 1;
    private static final int RECEIVED = 2;
    private static final int SENDER_CLOSED = 3;
    private static final int RECEIVER_CLOSED = 4;

    // All guarded by `this`; the lock is uncontended except in the one send/receive race.
    private int state = EMPTY;
    private T value;
    private Waker receiverWaker;
    private final Receiver receiver = new Receiver();

    private Oneshot() {}

    /**
     * Creates a channel with no value yet.
     *
     * @param <T> the type of the value
     * @return the sending side; {@link #receiver()} gives the receiving side
     */
    public static <T> Oneshot<T> create() {
        return new Oneshot<>();
    }

    /**
     * The receiving side: completes with the sent value, or fails with
     * {@link ChannelClosedException} if the sender closed without sending. Cancelling it closes
     * the channel. The same future is returned on every call.
     *
     * @return the future of the value
     */
    public Future<T> receiver() {
        return receiver;
    }

    /**
     * Sends the value and wakes the receiver. Never waits.
     *
     * @param value the value, not null
     * @throws NullPointerException if value is null
     * @throws IllegalStateException if a value was already sent or the sender closed
     * @throws ChannelClosedException if the receiver was cancelled; the value is inside it
     */
    public void send(T value) {
        Checks.notNull(value, "value");
        Waker w;
        synchronized (this) {
            if (state == RECEIVER_CLOSED) {
                throw new ChannelClosedException("send on a oneshot whose receiver was cancelled", value);
            }
            if (state != EMPTY) {
                throw new IllegalStateException("send on a oneshot that already "
                        + (state == SENDER_CLOSED ? "was closed by its sender" : "sent a value"));
            }
            this.value = value;
            state = SENT;
            w = receiverWaker;
            receiverWaker = null;
        }
        if (w != null) {
            Wakers.wake(w);
        }
    }

    /** Gives up without sending: the receiver fails with {@link ChannelClosedException}. Idempotent. */
    public void close() {
        Waker w;
        synchronized (this) {
            if (state != EMPTY) {
                return;
            }
            state = SENDER_CLOSED;
            w = receiverWaker;
            receiverWaker = null;
        }
        if (w != null) {
            Wakers.wake(w);
        }
    }

    /**
     * Whether the receiver is gone (cancelled or already received), so sending is pointless.
     *
     * @return true if a send now would not reach a waiting receiver
     */
    public synchronized boolean isClosed() {
        return state == RECEIVER_CLOSED || state == RECEIVED;
    }

    private final class Receiver implements Future<T> {
        @Override
        public Poll<T> poll(Context cx) {
            synchronized (Oneshot.this) {
                switch (state) {
                    case SENT:
                        T v = value;
                        value = null;
                        state = RECEIVED;
                        return Poll.ready(v);
                    case EMPTY:
                        receiverWaker = cx.waker();
                        return Poll.pending();
                    case SENDER_CLOSED:
                        state = RECEIVED;
                        throw new ChannelClosedException("the oneshot's sender closed it without sending", null);
                    default:
                        throw new IllegalStateException("future polled after it completed");
                }
            }
        }

        @Override
        public void cancel() {
            synchronized (Oneshot.this) {
                if (state == EMPTY || state == SENT) {
                    // A value sent but never received is dropped with the receiver, as in tokio.
                    value = null;
                    state = RECEIVER_CLOSED;
                    receiverWaker = null;
                }
            }
        }
    }
}
