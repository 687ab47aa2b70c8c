package dev.weft.adapters.reactivestreams;

/**
 * How a stream made from a publisher requests: a window of {@link #prefetch()} items, topped up
 * after {@link #refillAfter()} of them were consumed.
 *
 * <p>The stream requests {@code prefetch} on subscription and buffers at most that many items (its
 * ring buffer holds exactly {@code prefetch}); each time {@code refillAfter} items have been taken
 * out, it requests that many more, so {@code prefetch - refillAfter} stay in flight. The default
 * refill point is three quarters of the window; {@code prefetch = 1} is strict pull: one item is
 * requested only after the previous one was consumed.
 *
 * <p>Immutable and thread-safe.
 */
public final class StreamOptions {
    /** The default window, chosen by measurement on W5 (see the README's benchmarks). */
    public static final int DEFAULT_PREFETCH = 128;

    private static final StreamOptions DEFAULTS = new StreamOptions(DEFAULT_PREFETCH, refillPoint(DEFAULT_PREFETCH));

    private final int prefetch;
    private final int refillAfter;

    private StreamOptions(int prefetch, int refillAfter) {
        this.prefetch = prefetch;
        this.refillAfter = refillAfter;
    }

    private static int refillPoint(int prefetch) {
        return prefetch - prefetch / 4;
    }

    /**
     * The defaults: a window of {@value #DEFAULT_PREFETCH}, refilled after three quarters of it.
     *
     * @return the shared default options
     */
    public static StreamOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Strict pull: request one item, and the next only once it was consumed.
     *
     * @return options with prefetch 1
     */
    public static StreamOptions strictPull() {
        return prefetch(1);
    }

    /**
     * A window of {@code prefetch} items, refilled after three quarters of it were consumed.
     *
     * @param prefetch the window, at least 1
     * @return the options
     * @throws IllegalArgumentException if prefetch is not positive
     */
    public static StreamOptions prefetch(int prefetch) {
        if (prefetch <= 0) {
            throw new IllegalArgumentException("prefetch > 0 required but it was " + prefetch);
        }
        return new StreamOptions(prefetch, refillPoint(prefetch));
    }

    /**
     * The same window, refilled after {@code consumed} items were taken out.
     *
     * @param consumed how many items to consume before requesting that many more, 1..prefetch
     * @return new options
     * @throws IllegalArgumentException if consumed is outside 1..prefetch
     */
    public StreamOptions refillAfter(int consumed) {
        if (consumed <= 0 || consumed > prefetch) {
            throw new IllegalArgumentException("refillAfter in 1.." + prefetch + " required but it was " + consumed);
        }
        return new StreamOptions(prefetch, consumed);
    }

    /**
     * The window.
     *
     * @return the most items requested and buffered at once
     */
    public int prefetch() {
        return prefetch;
    }

    /**
     * The refill point.
     *
     * @return how many consumed items trigger a request for that many more
     */
    public int refillAfter() {
        return refillAfter;
    }

    @Override
    public String toString() {
        return "StreamOptions[prefetch=" + prefetch + ", refillAfter=" + refillAfter + "]";
    }
}
