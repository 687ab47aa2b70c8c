package dev.weft.adapters.rxjava;

import io.reactivex.rxjava3.core.BackpressureOverflowStrategy;
import io.reactivex.rxjava3.core.BackpressureStrategy;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Observable;

/**
 * What {@link RxJavaAdapters#observableToStream} does when an {@code Observable}, which has no
 * backpressure, emits faster than the stream is read. It never blocks the emitting thread.
 * Immutable.
 */
public final class ObservableOverflow {
    private enum Kind {
        BUFFER, DROP_OLDEST, DROP_LATEST, LATEST, ERROR
    }

    private final Kind kind;
    private final int bound;

    private ObservableOverflow(Kind kind, int bound) {
        this.kind = kind;
        this.bound = bound;
    }

    private static int positive(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound > 0 required but it was " + bound);
        }
        return bound;
    }

    /**
     * Buffers up to {@code bound} unread items; one more fails the stream with
     * {@code MissingBackpressureException}.
     *
     * @param bound the most items held, at least 1
     * @return the strategy
     * @throws IllegalArgumentException if bound is not positive
     */
    public static ObservableOverflow buffer(int bound) {
        return new ObservableOverflow(Kind.BUFFER, positive(bound));
    }

    /**
     * Buffers up to {@code bound} unread items, dropping the oldest to make room.
     *
     * @param bound the most items held, at least 1
     * @return the strategy
     * @throws IllegalArgumentException if bound is not positive
     */
    public static ObservableOverflow dropOldest(int bound) {
        return new ObservableOverflow(Kind.DROP_OLDEST, positive(bound));
    }

    /**
     * Buffers up to {@code bound} unread items; when full, the newest item in the buffer is
     * dropped to make room for the one arriving (RxJava's {@code DROP_LATEST}), so the oldest
     * items and the very latest are kept.
     *
     * @param bound the most items held, at least 1
     * @return the strategy
     * @throws IllegalArgumentException if bound is not positive
     */
    public static ObservableOverflow dropLatest(int bound) {
        return new ObservableOverflow(Kind.DROP_LATEST, positive(bound));
    }

    /**
     * Keeps only the latest unread item.
     *
     * @return the strategy
     */
    public static ObservableOverflow latest() {
        return new ObservableOverflow(Kind.LATEST, 1);
    }

    /**
     * Fails the stream with {@code MissingBackpressureException} as soon as an item cannot be
     * delivered at once.
     *
     * @return the strategy
     */
    public static ObservableOverflow error() {
        return new ObservableOverflow(Kind.ERROR, 0);
    }

    <T> Flowable<T> apply(Observable<T> source) {
        switch (kind) {
            case BUFFER:
                return source.toFlowable(BackpressureStrategy.MISSING)
                        .onBackpressureBuffer(bound, null, BackpressureOverflowStrategy.ERROR);
            case DROP_OLDEST:
                return source.toFlowable(BackpressureStrategy.MISSING)
                        .onBackpressureBuffer(bound, null, BackpressureOverflowStrategy.DROP_OLDEST);
            case DROP_LATEST:
                return source.toFlowable(BackpressureStrategy.MISSING)
                        .onBackpressureBuffer(bound, null, BackpressureOverflowStrategy.DROP_LATEST);
            case LATEST:
                return source.toFlowable(BackpressureStrategy.LATEST);
            default:
                return source.toFlowable(BackpressureStrategy.ERROR);
        }
    }

    @Override
    public String toString() {
        return kind == Kind.LATEST || kind == Kind.ERROR ? kind.name().toLowerCase(java.util.Locale.ROOT)
                : kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + bound + ")";
    }
}
