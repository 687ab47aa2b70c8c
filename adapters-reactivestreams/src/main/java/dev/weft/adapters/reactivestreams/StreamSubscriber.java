package dev.weft.adapters.reactivestreams;

import dev.weft.stream.AsyncStream;
import org.reactivestreams.Subscriber;

/**
 * A {@link Subscriber} whose items are read as an {@link AsyncStream}: hand it to any
 * {@code Publisher.subscribe}, and poll {@link #stream()} from a task. It requests only as the
 * stream is consumed (see {@link StreamOptions}).
 *
 * <p><strong>Thread safety:</strong> the {@code Subscriber} methods follow the Reactive Streams
 * rules (serial signals from the publisher); the stream is polled by one task at a time.
 *
 * @param <T> the type of the items
 */
public interface StreamSubscriber<T> extends Subscriber<T> {
    /**
     * The items received, as a stream: ends when the publisher completes, fails with its error.
     * Cancelling the stream cancels the subscription.
     *
     * @return the stream (the same object every time)
     */
    AsyncStream<T> stream();
}
