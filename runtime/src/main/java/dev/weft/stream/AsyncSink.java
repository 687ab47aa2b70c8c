package dev.weft.stream;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;

/**
 * The producer side of backpressure: a destination that accepts items only when it has room,
 * after futures-rs's {@code Sink}. Bounded channels and the Reactive Streams bridges share this
 * one vocabulary.
 *
 * <p>The protocol: {@link #pollReady(Context)} until it is ready (the sink has reserved room for
 * one item), then {@link #startSend(Object)} exactly once; repeat. {@link #pollFlush(Context)}
 * waits until everything started has been delivered; {@link #pollClose(Context)} flushes and
 * closes. {@link #send(Object)} wraps one ready-then-send round in a future.
 *
 * <p><strong>Thread safety:</strong> one producer task at a time, as for polling a future.
 *
 * <p><strong>Cancellation:</strong> a producer that stops between {@code pollReady} and
 * {@code startSend} releases the reserved room with {@link #pollClose(Context)} or by dropping
 * the sink's owner (for a channel sender, closing the handle).
 *
 * <p><strong>Errors:</strong> a closed destination fails the poll that finds it closed (for
 * channels with {@code dev.weft.sync.ChannelClosedException}); {@code startSend} without a ready
 * {@code pollReady} throws {@link IllegalStateException}; a null item throws
 * {@link NullPointerException}.
 *
 * @param <T> the type of the items
 */
public interface AsyncSink<T> {
    /**
     * Ready once the sink can take one item; otherwise pending, with the waker registered.
     *
     * @param cx the context of the producing task
     * @return ready when {@link #startSend(Object)} may be called
     */
    Poll<Void> pollReady(Context cx);

    /**
     * Hands over one item; legal only right after {@link #pollReady(Context)} returned ready.
     *
     * @param item the item, not null
     */
    void startSend(T item);

    /**
     * Ready once every item started has been delivered.
     *
     * @param cx the context of the producing task
     * @return ready when flushed
     */
    Poll<Void> pollFlush(Context cx);

    /**
     * Flushes, then closes the sink: the consumer sees the end after the last item.
     *
     * @param cx the context of the producing task
     * @return ready when closed
     */
    Poll<Void> pollClose(Context cx);

    /**
     * A future that waits for room, sends the item and completes. Cancelling it before it
     * completes sends nothing.
     *
     * @param item the item, not null
     * @return the future of the send
     */
    default Future<Void> send(T item) {
        java.util.Objects.requireNonNull(item, "item is null");
        return new SinkSend<>(this, item);
    }
}
