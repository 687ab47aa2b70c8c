package dev.weft.adapters.reactivestreams;

import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.AsyncStream;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A stream as a Publisher: each subscription is served by one task (StreamSubscription). Made
 * either from one stream (one subscriber; later ones are refused, rule 1.9) or from a supplier
 * of streams (cold: every subscriber gets a fresh stream).
 */
final class StreamPublisher<T> implements Publisher<T> {
    private final AtomicReference<AsyncStream<T>> single; // null when built from a supplier
    private final Supplier<? extends AsyncStream<T>> supplier; // null when built from one stream
    private final WeftRuntime runtime;

    private StreamPublisher(AsyncStream<T> stream, Supplier<? extends AsyncStream<T>> supplier, WeftRuntime runtime) {
        this.single = stream == null ? null : new AtomicReference<>(stream);
        this.supplier = supplier;
        this.runtime = runtime;
    }

    static <T> StreamPublisher<T> of(AsyncStream<T> stream, WeftRuntime runtime) {
        return new StreamPublisher<>(stream, null, runtime);
    }

    static <T> StreamPublisher<T> deferred(Supplier<? extends AsyncStream<T>> supplier, WeftRuntime runtime) {
        return new StreamPublisher<>(null, supplier, runtime);
    }

    /** The stream, if no subscriber has taken it (for the round trip back to a stream). */
    AsyncStream<T> unsubscribedStream() {
        return single == null ? null : single.get();
    }

    /** Takes the stream for the round trip: a later subscribe is refused as usual. */
    AsyncStream<T> takeStream() {
        return single == null ? null : single.getAndSet(null);
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        if (subscriber == null) {
            throw new NullPointerException("subscribe called with a null Subscriber (Reactive Streams rule 1.9)");
        }
        AsyncStream<T> stream;
        if (single != null) {
            stream = single.getAndSet(null);
            if (stream == null) {
                reject(subscriber, new IllegalStateException("this Publisher wraps one AsyncStream, which already "
                        + "has a subscriber (Reactive Streams rule 1.9); use ReactiveStreams.deferredStreamToPublisher "
                        + "to give every subscriber its own stream"));
                return;
            }
        } else {
            try {
                stream = supplier.get();
                if (stream == null) {
                    throw new NullPointerException("the stream supplier returned null");
                }
            } catch (Throwable t) {
                reject(subscriber, t);
                return;
            }
        }
        StreamSubscription.start(stream, subscriber, runtime);
    }

    /** Rule 1.9: onSubscribe first, then the error. */
    static void reject(Subscriber<?> subscriber, Throwable error) {
        subscriber.onSubscribe(new Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {}
        });
        subscriber.onError(error);
    }
}
