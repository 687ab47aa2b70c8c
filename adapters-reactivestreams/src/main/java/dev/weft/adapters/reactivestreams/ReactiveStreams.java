package dev.weft.adapters.reactivestreams;

import dev.weft.future.Future;
import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.AsyncSink;
import dev.weft.stream.AsyncStream;
import dev.weft.stream.Streams;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Supplier;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;

/**
 * Reactive Streams {@link Publisher}s and {@link Subscriber}s (and their
 * {@code java.util.concurrent.Flow} twins) to and from Weft streams and futures, with
 * waker-driven backpressure: nothing is requested that a poller has not asked for, nothing is
 * buffered beyond what was requested, and cancellation flows both ways.
 *
 * <pre>{@code
 * AsyncStream<Order> orders = ReactiveStreams.publisherToStream(orderPublisher);   // pull-based now
 * Future<Long> total = Streams.fold(orders, 0L, (sum, o) -> sum + o.cents());
 *
 * Publisher<Line> lines = ReactiveStreams.streamToPublisher(fileLines, runtime);    // push-based again
 * }</pre>
 *
 * <p><strong>Publisher to stream:</strong> the stream subscribes on its first poll and requests a
 * window of {@link StreamOptions#prefetch()} items (default {@value StreamOptions#DEFAULT_PREFETCH}),
 * topping it up as the window is consumed; it buffers exactly the window. A publisher that sends
 * more than requested, or a null, is broken: the stream cancels it and fails with an error naming
 * the rule (1.1, 2.13). Cancelling the stream cancels the subscription.
 *
 * <p><strong>Stream to publisher:</strong> each subscription is served by one task on the given
 * runtime that polls the stream only while the subscriber's demand is positive and makes every
 * signal, so signals are serial; {@code request(n)} adds to the demand (capped at
 * {@code Long.MAX_VALUE}) and wakes the task only when demand was zero; {@code request(n <= 0)}
 * signals {@link IllegalArgumentException} (rule 3.9); {@code cancel()} cancels the stream and
 * drops the subscriber (rule 3.13); a request from inside {@code onNext} does not recurse.
 *
 * <p><strong>Round trips:</strong> a stream made from a publisher and not yet polled, turned back
 * into a publisher, is that publisher; and the other way round.
 *
 * <p><strong>Errors nobody can receive</strong> (an {@code onError} after cancellation or after
 * the end, a subscriber that throws) go to {@link dev.weft.runtime.WeftHooks}; cancellation is
 * never reported as an error.
 *
 * <p><strong>Thread safety:</strong> every method is safe from any thread; publishers made here
 * may be subscribed from any thread; streams and futures are polled by one task at a time.
 */
public final class ReactiveStreams {
    private ReactiveStreams() {}

    /**
     * The publisher's items as a stream, with the default window. For a Reactor {@code Flux} or
     * an RxJava {@code Flowable} use their adapters' {@code fluxToStream} and
     * {@code flowableToStream}: those libraries wrap a subscriber of a foreign type in a
     * {@code StrictSubscriber}, which costs two atomic operations per item.
     *
     * @param publisher the source
     * @param <T> the type of the items
     * @return the stream (or the original stream, if publisher came from {@link #streamToPublisher}
     *     and has no subscriber yet)
     * @throws NullPointerException if publisher is null
     */
    public static <T> AsyncStream<T> publisherToStream(Publisher<T> publisher) {
        return publisherToStream(publisher, StreamOptions.defaults());
    }

    /**
     * The publisher's items as a stream, requesting as the options say.
     *
     * @param publisher the source
     * @param options the window and refill point
     * @param <T> the type of the items
     * @return the stream
     * @throws NullPointerException if an argument is null
     */
    public static <T> AsyncStream<T> publisherToStream(Publisher<T> publisher, StreamOptions options) {
        Objects.requireNonNull(publisher, "publisher is null");
        Objects.requireNonNull(options, "options is null");
        if (publisher instanceof StreamPublisher) {
            AsyncStream<T> original = ((StreamPublisher<T>) publisher).takeStream();
            if (original != null) {
                return original;
            }
        }
        return new PublisherStream<>(publisher, options);
    }

    /**
     * The first item: requests one, then cancels.
     *
     * @param publisher the source
     * @param <T> the type of the items
     * @return its future; fails with {@link java.util.NoSuchElementException} if the publisher
     *     completes empty, or with the publisher's error
     */
    public static <T> Future<T> publisherToFirst(Publisher<T> publisher) {
        return new PublisherFuture<>(Objects.requireNonNull(publisher, "publisher is null"), PublisherFuture.Mode.FIRST);
    }

    /**
     * The one item: requests two, resolves on {@code onComplete}.
     *
     * @param publisher the source
     * @param <T> the type of the items
     * @return its future; fails with {@link java.util.NoSuchElementException} on none, with
     *     {@link IllegalArgumentException} (cancelling the publisher) on a second item
     */
    public static <T> Future<T> publisherToSingle(Publisher<T> publisher) {
        return new PublisherFuture<>(Objects.requireNonNull(publisher, "publisher is null"), PublisherFuture.Mode.SINGLE);
    }

    /**
     * The last item, once the publisher completes.
     *
     * @param publisher the source
     * @param <T> the type of the items
     * @return its future; fails with {@link java.util.NoSuchElementException} if it was empty
     */
    public static <T> Future<T> publisherToLast(Publisher<T> publisher) {
        return new PublisherFuture<>(Objects.requireNonNull(publisher, "publisher is null"), PublisherFuture.Mode.LAST);
    }

    /**
     * Every item, in a list, once the publisher completes.
     *
     * @param publisher the source
     * @param <T> the type of the items
     * @return the future of the list
     */
    public static <T> Future<List<T>> publisherToList(Publisher<T> publisher) {
        return Streams.collect(publisherToStream(publisher));
    }

    /**
     * The stream as a publisher for one subscriber; a second subscriber gets {@code onError}
     * (rule 1.9). Use {@link #deferredStreamToPublisher} for a publisher every subscriber can use.
     *
     * @param stream the source
     * @param runtime where the task serving the subscription runs
     * @param <T> the type of the items
     * @return the publisher (or the original publisher, if the stream came from
     *     {@link #publisherToStream} and was never polled)
     * @throws NullPointerException if an argument is null
     */
    @SuppressWarnings("unchecked")
    public static <T> Publisher<T> streamToPublisher(AsyncStream<T> stream, WeftRuntime runtime) {
        Objects.requireNonNull(stream, "stream is null");
        Objects.requireNonNull(runtime, "runtime is null");
        if (stream instanceof PublisherStream) {
            Publisher<? extends T> original = ((PublisherStream<T>) stream).unpolledSource();
            if (original != null) {
                return (Publisher<T>) original;
            }
        }
        return StreamPublisher.of(stream, runtime);
    }

    /**
     * A cold publisher: every subscriber gets a fresh stream from the supplier, served by its own
     * task.
     *
     * @param streams makes one stream per subscriber; a failure or null is that subscriber's error
     * @param runtime where the tasks run
     * @param <T> the type of the items
     * @return the publisher
     * @throws NullPointerException if an argument is null
     */
    public static <T> Publisher<T> deferredStreamToPublisher(Supplier<? extends AsyncStream<T>> streams, WeftRuntime runtime) {
        return StreamPublisher.deferred(Objects.requireNonNull(streams, "streams is null"),
                Objects.requireNonNull(runtime, "runtime is null"));
    }

    /**
     * The future as a publisher of at most one item (none if its value is {@code null}). The
     * future is polled only once the subscriber requests; cancelling cancels it.
     *
     * @param future the work
     * @param runtime where the task runs
     * @param <T> the value type
     * @return the publisher, for one subscriber
     * @throws NullPointerException if an argument is null
     */
    public static <T> Publisher<T> futureToPublisher(Future<T> future, WeftRuntime runtime) {
        return streamToPublisher(new FutureStream<>(Objects.requireNonNull(future, "future is null")), runtime);
    }

    /**
     * A subscriber to hand to any {@code Publisher.subscribe}, read as a stream.
     *
     * @param <T> the type of the items
     * @return the subscriber; poll its {@link StreamSubscriber#stream()} from a task
     */
    public static <T> StreamSubscriber<T> subscriberToStream() {
        return new PublisherStream<>(null, StreamOptions.defaults());
    }

    /**
     * A subscriber read as a stream, requesting as the options say.
     *
     * @param options the window and refill point
     * @param <T> the type of the items
     * @return the subscriber
     * @throws NullPointerException if options is null
     */
    public static <T> StreamSubscriber<T> subscriberToStream(StreamOptions options) {
        return new PublisherStream<>(null, Objects.requireNonNull(options, "options is null"));
    }

    /**
     * A subscriber that feeds a sink (for example a bounded {@code Mpsc}'s sender): a task on the
     * runtime forwards each item as the sink has room, so the sink's backpressure reaches the
     * publisher; the sink is closed when the publisher completes.
     *
     * @param sink the destination
     * @param runtime where the forwarding task runs (it starts now and waits for onSubscribe)
     * @param <T> the type of the items
     * @return the subscriber
     * @throws NullPointerException if an argument is null
     */
    public static <T> Subscriber<T> subscriberToSink(AsyncSink<T> sink, WeftRuntime runtime) {
        Objects.requireNonNull(sink, "sink is null");
        Objects.requireNonNull(runtime, "runtime is null");
        PublisherStream<T> subscriber = new PublisherStream<>(null, StreamOptions.defaults());
        runtime.spawn(Streams.forward(subscriber, sink));
        return subscriber;
    }

    /**
     * {@link #publisherToStream(Publisher)} for a {@link Flow.Publisher}.
     *
     * @param publisher the source
     * @param <T> the type of the items
     * @return the stream
     */
    public static <T> AsyncStream<T> flowPublisherToStream(Flow.Publisher<T> publisher) {
        return flowPublisherToStream(publisher, StreamOptions.defaults());
    }

    /**
     * {@link #publisherToStream(Publisher, StreamOptions)} for a {@link Flow.Publisher}.
     *
     * @param publisher the source
     * @param options the window and refill point
     * @param <T> the type of the items
     * @return the stream
     */
    public static <T> AsyncStream<T> flowPublisherToStream(Flow.Publisher<T> publisher, StreamOptions options) {
        return publisherToStream(FlowAdapters.toPublisher(Objects.requireNonNull(publisher, "publisher is null")), options);
    }

    /**
     * {@link #streamToPublisher} as a {@link Flow.Publisher}.
     *
     * @param stream the source
     * @param runtime where the task serving the subscription runs
     * @param <T> the type of the items
     * @return the publisher
     */
    public static <T> Flow.Publisher<T> streamToFlowPublisher(AsyncStream<T> stream, WeftRuntime runtime) {
        return FlowAdapters.toFlowPublisher(streamToPublisher(stream, runtime));
    }

    /**
     * {@link #subscriberToStream()} as a {@link Flow.Subscriber}, with its stream.
     *
     * @param subscriber receives the stream made for it: {@code subscriberToStream()}'s
     * @param <T> the type of the items
     * @return the Flow subscriber that feeds that stream
     */
    public static <T> Flow.Subscriber<T> toFlowSubscriber(StreamSubscriber<T> subscriber) {
        return FlowAdapters.toFlowSubscriber(Objects.requireNonNull(subscriber, "subscriber is null"));
    }
}
