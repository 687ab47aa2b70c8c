package dev.weft.future;

import dev.weft.internal.util.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Factories and combinators for {@link Future}.
 *
 * <p>Every combinator is lazy (nothing runs before the returned future is polled), takes ownership
 * of the futures passed to it (poll only the result from then on), and cancels the inputs it
 * abandons: the losers of a {@link #race(List) race}, the other side of a failed
 * {@link #join(Future, Future, BiFunction) join}, the inner future of an expired
 * {@link #timeout(Future, Future) timeout}. Chains built with {@link #map}, {@link #flatMap} and
 * {@link #recover} are stack-safe at any depth, including a flatMap that recurses to loop:
 *
 * <pre>{@code
 * static Future<Integer> countDown(int n) {
 *     return n == 0 ? Futures.ready(0) : Futures.flatMap(Futures.yieldNow(), v -> countDown(n - 1));
 * }
 * }</pre>
 *
 * <p><strong>Thread safety:</strong> the returned futures follow the {@link Future} contract: one
 * poller at a time. The static methods themselves are safe from any thread.
 *
 * <p><strong>Errors:</strong> every method throws {@link NullPointerException} naming the
 * parameter ("mapper is null") for a null argument. A failed input fails the combined future with
 * the same exception object.
 */
public final class Futures {
    private Futures() {}

    /**
     * Returns a future that is ready with {@code value} on its first poll.
     *
     * @param value the value, possibly {@code null}
     * @param <T> the type of the value
     * @return the future
     */
    public static <T> Future<T> ready(T value) {
        return new FutureSimple.Ready<>(value);
    }

    /**
     * Returns a future whose first poll throws {@code error}.
     *
     * @param error the exception, rethrown unchanged (even if checked)
     * @param <T> the type the future would produce
     * @return the future
     */
    public static <T> Future<T> failed(Throwable error) {
        return new FutureSimple.Failed<>(Checks.notNull(error, "error"));
    }

    /**
     * Returns a future that never completes and registers no waker: useful as a branch of a
     * {@link #race(List) race} or in tests. A task awaiting it waits until it is aborted.
     *
     * @param <T> the type the future would produce
     * @return the shared never-completing future
     */
    @SuppressWarnings("unchecked")
    public static <T> Future<T> pending() {
        return (Future<T>) FutureSimple.Never.INSTANCE;
    }

    /**
     * Returns a future that calls {@code supplier} on its first poll and is ready with the result.
     *
     * @param supplier computes the value; an exception it throws fails the future
     * @param <T> the type of the value
     * @return the future
     */
    public static <T> Future<T> lazy(Supplier<? extends T> supplier) {
        return new FutureSimple.Lazy<>(Checks.notNull(supplier, "supplier"));
    }

    /**
     * Returns a future whose poll is {@code poll}. Same as a lambda, plus a null check on the
     * returned poll and a guard against polls after completion.
     *
     * @param poll the poll function; it follows the {@link Future#poll(Context)} contract
     * @param <T> the type of the value
     * @return the future
     */
    public static <T> Future<T> pollFn(Function<? super Context, Poll<T>> poll) {
        return new FutureSimple.PollFn<>(Checks.notNull(poll, "poll"), null);
    }

    /**
     * Returns a future whose poll is {@code poll} and whose {@link Future#cancel()} runs
     * {@code onCancel} (once, and only if it had not completed).
     *
     * @param poll the poll function
     * @param onCancel releases what the future holds
     * @param <T> the type of the value
     * @return the future
     */
    public static <T> Future<T> pollFn(Function<? super Context, Poll<T>> poll, Runnable onCancel) {
        return new FutureSimple.PollFn<>(Checks.notNull(poll, "poll"), Checks.notNull(onCancel, "onCancel"));
    }

    /**
     * Returns a future that is pending once, having woken its task, and then ready: it lets the
     * executor run other tasks before this one goes on.
     *
     * @return a new future
     */
    public static Future<Void> yieldNow() {
        return new FutureSimple.YieldNow();
    }

    /**
     * Applies {@code mapper} to the value of {@code future}.
     *
     * @param future the source
     * @param mapper maps the value; an exception it throws fails the result
     * @param <T> the source's type
     * @param <R> the result's type
     * @return the mapped future
     */
    public static <T, R> Future<R> map(Future<T> future, Function<? super T, ? extends R> mapper) {
        return new FutureChain<>(Checks.notNull(future, "future"), FutureChain.MAP, Checks.notNull(mapper, "mapper"));
    }

    /**
     * Waits for {@code future}, then for the future {@code mapper} returns for its value (also
     * known as "then" or "andThen").
     *
     * @param future the source
     * @param mapper returns the next future; must not return {@code null}
     * @param <T> the source's type
     * @param <R> the result's type
     * @return the chained future
     */
    public static <T, R> Future<R> flatMap(Future<T> future, Function<? super T, ? extends Future<? extends R>> mapper) {
        return new FutureChain<>(Checks.notNull(future, "future"), FutureChain.FLAT_MAP, Checks.notNull(mapper, "mapper"));
    }

    /**
     * Turns a failure of {@code future} into a value.
     *
     * @param future the source
     * @param handler maps the exception to a value; may rethrow
     * @param <T> the type of the value
     * @return the recovering future
     */
    public static <T> Future<T> recover(Future<T> future, Function<? super Throwable, ? extends T> handler) {
        return new FutureChain<>(Checks.notNull(future, "future"), FutureChain.RECOVER, Checks.notNull(handler, "handler"));
    }

    /**
     * Waits for both futures, polling them concurrently, and combines their values. If either
     * fails, the other is cancelled and the result fails with that exception.
     *
     * @param left the first future
     * @param right the second future
     * @param combiner combines the two values
     * @param <A> the first type
     * @param <B> the second type
     * @param <R> the combined type
     * @return the joined future
     */
    public static <A, B, R> Future<R> join(Future<? extends A> left, Future<? extends B> right,
            BiFunction<? super A, ? super B, ? extends R> combiner) {
        return new FutureJoin<>(Checks.notNull(left, "left"), Checks.notNull(right, "right"),
                Checks.notNull(combiner, "combiner"));
    }

    /**
     * Waits for every future, polling only those that were woken, and yields their values in the
     * order of the list. The first failure cancels the others and fails the result.
     *
     * @param futures the futures; the list is copied
     * @param <T> the type of the values
     * @return the joined future; ready with an empty list for an empty input
     */
    public static <T> Future<List<T>> joinAll(List<? extends Future<? extends T>> futures) {
        return new FutureJoinAll<T>(copyOf(futures, "futures"));
    }

    /**
     * The first of two futures to finish, with a value or a failure, decides the result; the
     * other is cancelled.
     *
     * @param first a future
     * @param second another future
     * @param <T> the common type
     * @return the racing future
     */
    public static <T> Future<T> race(Future<? extends T> first, Future<? extends T> second) {
        return new FutureRace<T>(List.of(Checks.notNull(first, "first"), Checks.notNull(second, "second")));
    }

    /**
     * The first future of the list to finish, with a value or a failure, decides the result; the
     * others are cancelled.
     *
     * @param futures the futures, at least one; the list is copied
     * @param <T> the common type
     * @return the racing future
     * @throws IllegalArgumentException "futures.size() > 0 required but it was 0"
     */
    public static <T> Future<T> race(List<? extends Future<? extends T>> futures) {
        List<Future<? extends T>> copy = copyOf(futures, "futures");
        Checks.positive(copy.size(), "futures.size()");
        return new FutureRace<T>(copy);
    }

    /**
     * Bounds {@code future} by {@code deadline}: if the deadline completes first, {@code future}
     * is cancelled and the result fails with {@link java.util.concurrent.TimeoutException}. The
     * time driver's sleeps are the usual deadlines; any future works.
     *
     * @param future the future to bound
     * @param deadline completes when time is up; cancelled when {@code future} wins
     * @param <T> the type of the value
     * @return the bounded future
     */
    public static <T> Future<T> timeout(Future<? extends T> future, Future<?> deadline) {
        return new FutureTimeout<>(Checks.notNull(future, "future"), Checks.notNull(deadline, "deadline"));
    }

    private static <F> List<F> copyOf(List<? extends F> list, String name) {
        Checks.notNull(list, name);
        List<F> copy = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            F f = list.get(i);
            if (f == null) { // the message is built only here: joinAll of 100,000 futures paid for it
                throw new NullPointerException(name + "[" + i + "] is null");
            }
            copy.add(f);
        }
        return copy;
    }
}
