package dev.weft.future;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of one {@link Future#poll(Context) poll}: ready with a value, or pending.
 *
 * <p>A pending poll is a promise that the future has arranged for the context's {@link Waker} to
 * be woken when it can make progress. The pending instance is a shared singleton, and so is a
 * ready {@code null}, so futures of {@code Void} allocate nothing to finish.
 *
 * <p><strong>Thread safety:</strong> instances are immutable.
 *
 * @param <T> the type of the value
 */
public final class Poll<T> {
    private static final Poll<?> PENDING = new Poll<>(null, false);
    private static final Poll<?> READY_NULL = new Poll<>(null, true);

    private final T value;
    private final boolean ready;

    private Poll(T value, boolean ready) {
        this.value = value;
        this.ready = ready;
    }

    /**
     * Returns a ready outcome carrying {@code value}.
     *
     * @param value the value, which may be {@code null} for futures of {@code Void}
     * @param <T> the type of the value
     * @return a ready poll
     */
    @SuppressWarnings("unchecked")
    public static <T> Poll<T> ready(T value) {
        return value == null ? (Poll<T>) READY_NULL : new Poll<>(value, true);
    }

    /**
     * Returns the pending outcome.
     *
     * @param <T> the type the future would produce
     * @return the shared pending poll
     */
    @SuppressWarnings("unchecked")
    public static <T> Poll<T> pending() {
        return (Poll<T>) PENDING;
    }

    /**
     * Tells whether the future finished.
     *
     * @return {@code true} when ready
     */
    public boolean isReady() {
        return ready;
    }

    /**
     * Tells whether the future still waits.
     *
     * @return {@code true} when pending
     */
    public boolean isPending() {
        return !ready;
    }

    /**
     * Returns the value of a ready poll.
     *
     * @return the value, possibly {@code null}
     * @throws IllegalStateException "value() requires a ready poll but it was pending"
     */
    public T value() {
        if (!ready) {
            throw new IllegalStateException("value() requires a ready poll but it was pending");
        }
        return value;
    }

    /**
     * Maps the value of a ready poll; a pending poll stays pending.
     *
     * @param mapper the function applied to the value
     * @param <R> the type of the mapped value
     * @return the mapped poll
     * @throws NullPointerException "mapper is null"
     */
    public <R> Poll<R> map(Function<? super T, ? extends R> mapper) {
        Objects.requireNonNull(mapper, "mapper is null");
        return ready ? ready(mapper.apply(value)) : pending();
    }

    @Override
    public String toString() {
        return ready ? "Ready(" + value + ")" : "Pending";
    }
}
