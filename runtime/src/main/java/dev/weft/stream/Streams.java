package dev.weft.stream;

import dev.weft.future.Future;
import dev.weft.internal.util.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Sources, operators and terminal steps for {@link AsyncStream}s.
 *
 * <pre>{@code
 * Future<List<Integer>> firstEvenSquares = Streams.collect(
 *         Streams.take(Streams.map(Streams.filter(Streams.fromIterable(numbers), n -> n % 2 == 0),
 *                 n -> n * n), 10));
 * }</pre>
 *
 * <p><strong>Laziness and backpressure:</strong> every operator polls its upstream only when it
 * is polled itself, so nothing is produced that the consumer has not asked for.
 *
 * <p><strong>The end:</strong> a stream made here that returned the end ({@code null}) or threw
 * fails with {@link IllegalStateException} if polled again. Operators that stop early
 * ({@link #take}, {@link #takeWhile}, {@link #zip}) cancel their upstream when they stop; a
 * function that throws fails the stream and cancels its upstream.
 *
 * <p><strong>Cancellation:</strong> cancelling a stream or a terminal future cancels every
 * upstream it holds. Functions must not return {@code null}; if they do, the stream fails with a
 * {@link NullPointerException} naming the function.
 *
 * <p><strong>Fairness:</strong> operators that loop over a ready upstream (filter, skip, the
 * terminal folds) consume the task's cooperative budget per item, so draining a long ready source
 * still gives the worker back.
 *
 * <p><strong>Thread safety:</strong> a stream is polled by one task at a time.
 */
public final class Streams {
    private Streams() {}

    /**
     * A stream of the iterable's elements, iterated lazily from the first poll.
     *
     * @param items the elements, none null (a null element fails the stream when reached)
     * @param <T> the type of the items
     * @return the stream
     */
    public static <T> AsyncStream<T> fromIterable(Iterable<? extends T> items) {
        return new StreamOps.FromIterable<>(Checks.notNull(items, "items"));
    }

    /**
     * A stream of the given items.
     *
     * @param items the items, none null
     * @param <T> the type of the items
     * @return the stream
     * @throws NullPointerException if an item is null (naming its index)
     */
    @SafeVarargs
    public static <T> AsyncStream<T> of(T... items) {
        Checks.notNull(items, "items");
        List<T> copy = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            copy.add(Checks.notNull(items[i], "items[" + i + "]"));
        }
        return fromIterable(copy);
    }

    /**
     * A stream that ends at once.
     *
     * @param <T> the type of the items
     * @return the stream
     */
    public static <T> AsyncStream<T> empty() {
        return new StreamOps.FromIterable<>(List.of());
    }

    /**
     * A stream that fails with the error on its first poll.
     *
     * @param error the failure, not null
     * @param <T> the type of the items
     * @return the stream
     */
    public static <T> AsyncStream<T> error(Throwable error) {
        return new StreamOps.Failed<>(Checks.notNull(error, "error"));
    }

    /**
     * Applies fn to every item.
     *
     * @param stream the upstream
     * @param fn the function, returning non-null
     * @param <T> the upstream's item type
     * @param <R> the result's item type
     * @return the mapped stream
     */
    public static <T, R> AsyncStream<R> map(AsyncStream<T> stream, Function<? super T, ? extends R> fn) {
        return new StreamOps.Map<>(Checks.notNull(stream, "stream"), Checks.notNull(fn, "fn"));
    }

    /**
     * Keeps the items the predicate accepts.
     *
     * @param stream the upstream
     * @param keep the predicate
     * @param <T> the type of the items
     * @return the filtered stream
     */
    public static <T> AsyncStream<T> filter(AsyncStream<T> stream, Predicate<? super T> keep) {
        return new StreamOps.Filter<>(Checks.notNull(stream, "stream"), Checks.notNull(keep, "keep"));
    }

    /**
     * The first n items; then cancels the upstream and ends.
     *
     * @param stream the upstream
     * @param n how many, zero or more
     * @param <T> the type of the items
     * @return the shortened stream
     * @throws IllegalArgumentException if n is negative
     */
    public static <T> AsyncStream<T> take(AsyncStream<T> stream, long n) {
        return new StreamOps.Take<>(Checks.notNull(stream, "stream"), Checks.nonNegative(n, "n"));
    }

    /**
     * Items while the predicate holds; at the first that fails it, cancels the upstream and ends.
     *
     * @param stream the upstream
     * @param test the predicate
     * @param <T> the type of the items
     * @return the shortened stream
     */
    public static <T> AsyncStream<T> takeWhile(AsyncStream<T> stream, Predicate<? super T> test) {
        return new StreamOps.TakeWhile<>(Checks.notNull(stream, "stream"), Checks.notNull(test, "test"));
    }

    /**
     * Drops the first n items.
     *
     * @param stream the upstream
     * @param n how many, zero or more
     * @param <T> the type of the items
     * @return the stream without them
     * @throws IllegalArgumentException if n is negative
     */
    public static <T> AsyncStream<T> skip(AsyncStream<T> stream, long n) {
        return new StreamOps.Skip<>(Checks.notNull(stream, "stream"), Checks.nonNegative(n, "n"));
    }

    /**
     * Maps each item to a stream and merges the items of at most {@code concurrency} of those
     * streams at a time, in the order they become ready. The upstream is polled for a new item
     * only while fewer than {@code concurrency} inner streams are running.
     *
     * @param stream the upstream
     * @param fn the function from item to inner stream, returning non-null
     * @param concurrency the most inner streams polled at once, at least 1
     * @param <T> the upstream's item type
     * @param <R> the inner streams' item type
     * @return the merged stream; it fails when an inner stream fails, cancelling the others
     * @throws IllegalArgumentException if concurrency is not positive
     */
    public static <T, R> AsyncStream<R> flatMap(AsyncStream<T> stream,
            Function<? super T, ? extends AsyncStream<? extends R>> fn, int concurrency) {
        return new StreamOps.FlatMerge<>(Checks.notNull(stream, "stream"), Checks.notNull(fn, "fn"),
                Checks.positive(concurrency, "concurrency"));
    }

    /**
     * Interleaves the items of all the streams as they become ready; ends when all have ended.
     *
     * @param streams the streams, none null
     * @param <T> the type of the items
     * @return the merged stream
     */
    public static <T> AsyncStream<T> merge(List<? extends AsyncStream<? extends T>> streams) {
        Checks.notNull(streams, "streams");
        List<AsyncStream<? extends T>> copy = new ArrayList<>(streams.size());
        for (int i = 0; i < streams.size(); i++) {
            copy.add(Checks.notNull(streams.get(i), "streams[" + i + "]"));
        }
        return new StreamOps.FlatMerge<AsyncStream<? extends T>, T>(fromIterable(copy), s -> s, Math.max(1, copy.size()));
    }

    /**
     * Pairs the items of two streams; ends (cancelling the other) when either ends.
     *
     * @param left the first stream
     * @param right the second stream
     * @param combine the function of a pair, returning non-null
     * @param <A> the first stream's item type
     * @param <B> the second stream's item type
     * @param <R> the result's item type
     * @return the zipped stream
     */
    public static <A, B, R> AsyncStream<R> zip(AsyncStream<A> left, AsyncStream<B> right,
            BiFunction<? super A, ? super B, ? extends R> combine) {
        return new StreamOps.Zip<>(Checks.notNull(left, "left"), Checks.notNull(right, "right"),
                Checks.notNull(combine, "combine"));
    }

    /**
     * Groups items into lists of {@code size}, waiting to fill each; the last may be shorter.
     *
     * @param stream the upstream
     * @param size the chunk size, at least 1
     * @param <T> the type of the items
     * @return the stream of chunks
     */
    public static <T> AsyncStream<List<T>> chunks(AsyncStream<T> stream, int size) {
        return new StreamOps.Chunks<>(Checks.notNull(stream, "stream"), Checks.positive(size, "size"), true);
    }

    /**
     * Batches: a list of the items ready now, at most {@code size}, without waiting to fill it;
     * waits only when none is ready.
     *
     * @param stream the upstream
     * @param size the largest batch, at least 1
     * @param <T> the type of the items
     * @return the stream of batches
     */
    public static <T> AsyncStream<List<T>> readyChunks(AsyncStream<T> stream, int size) {
        return new StreamOps.Chunks<>(Checks.notNull(stream, "stream"), Checks.positive(size, "size"), false);
    }

    /**
     * Runs up to {@code limit} of the stream's futures at once and yields their results in the
     * stream's order (futures-rs's {@code buffered}): a buffer of work in flight between a
     * producer of requests and a consumer of answers.
     *
     * @param futures the stream of futures
     * @param limit the most futures in flight (running or finished but not yet yielded), at least 1
     * @param <T> the result type
     * @return the stream of results; a failed future fails it and cancels the rest
     */
    public static <T> AsyncStream<T> buffered(AsyncStream<? extends Future<? extends T>> futures, int limit) {
        @SuppressWarnings("unchecked")
        AsyncStream<Future<? extends T>> up = (AsyncStream<Future<? extends T>>) Checks.notNull(futures, "futures");
        return new StreamOps.Buffered<>(up, Checks.positive(limit, "limit"));
    }

    /**
     * Folds the stream into one value.
     *
     * @param stream the stream; cancelled if the future is
     * @param initial the starting value (may be null)
     * @param step the fold function
     * @param <T> the type of the items
     * @param <R> the result type
     * @return the future of the last accumulated value
     */
    public static <T, R> Future<R> fold(AsyncStream<T> stream, R initial, BiFunction<? super R, ? super T, ? extends R> step) {
        return new StreamOps.Fold<>(Checks.notNull(stream, "stream"), initial, Checks.notNull(step, "step"));
    }

    /**
     * Collects every item into a list.
     *
     * @param stream the stream; cancelled if the future is
     * @param <T> the type of the items
     * @return the future of the list, in stream order
     */
    public static <T> Future<List<T>> collect(AsyncStream<T> stream) {
        return fold(stream, new ArrayList<T>(), (list, item) -> {
            list.add(item);
            return list;
        });
    }

    /**
     * Runs the action for every item.
     *
     * @param stream the stream; cancelled if the future is
     * @param action the action
     * @param <T> the type of the items
     * @return the future that completes after the last item
     */
    public static <T> Future<Void> forEach(AsyncStream<T> stream, Consumer<? super T> action) {
        return fold(stream, null, StreamOps.forEachStep(Checks.notNull(action, "action")));
    }

    /**
     * Sends every item into the sink, honouring its backpressure, then closes it.
     *
     * @param stream the source; cancelled if the future is
     * @param sink the destination
     * @param <T> the type of the items
     * @return the future that completes once the sink is closed
     */
    public static <T> Future<Void> forward(AsyncStream<T> stream, AsyncSink<T> sink) {
        return new StreamOps.Forward<>(Checks.notNull(stream, "stream"), Checks.notNull(sink, "sink"));
    }
}
