package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.internal.util.Checks;

/**
 * A counting semaphore whose acquire is a future: a task waits for permits without holding a
 * thread.
 *
 * <pre>{@code
 * AsyncSemaphore limit = new AsyncSemaphore(10);      // at most 10 requests in flight
 * Future<Response> guarded = Futures.flatMap(limit.acquire(),
 *         v -> Futures.map(call(), r -> { limit.release(); return r; }));
 * }</pre>
 *
 * <p><strong>Fairness:</strong> waiters are served first come, first served; while anyone waits,
 * a new acquire queues even if permits are free, so a large request is not starved.
 *
 * <p><strong>Cancellation:</strong> cancelling a waiting acquire removes it from the queue; if
 * its permits were granted but it never completed, they are given back and pass to the next
 * waiter. No permit is lost.
 *
 * <p><strong>Closing:</strong> {@link #close()} fails every waiting and later acquire with
 * {@link IllegalStateException}; releases still count.
 *
 * <p><strong>Thread safety:</strong> every method is safe from any thread.
 */
public final class AsyncSemaphore {
    private final FairPermits permits;

    /**
     * Creates a semaphore.
     *
     * @param permits the initial number of permits, zero or more
     * @throws IllegalArgumentException if permits is negative
     */
    public AsyncSemaphore(int permits) {
        this.permits = new FairPermits("semaphore", Checks.nonNegative(permits, "permits"));
    }

    /**
     * A future that completes once one permit is held by the caller.
     *
     * @return the future; nothing is taken until it is polled
     */
    public Future<Void> acquire() {
        return new AcquireFuture(permits, 1);
    }

    /**
     * A future that completes once {@code n} permits are held by the caller, taken together.
     *
     * @param n the number of permits, at least 1
     * @return the future; nothing is taken until it is polled
     * @throws IllegalArgumentException if n is not positive
     */
    public Future<Void> acquire(int n) {
        return new AcquireFuture(permits, Checks.positive(n, "n"));
    }

    /**
     * Takes one permit if it is free and nobody waits.
     *
     * @return whether the permit was taken
     * @throws IllegalStateException if the semaphore is closed
     */
    public boolean tryAcquire() {
        return permits.tryAcquire(1);
    }

    /**
     * Takes {@code n} permits if they are free and nobody waits.
     *
     * @param n the number of permits, at least 1
     * @return whether they were taken
     * @throws IllegalArgumentException if n is not positive
     * @throws IllegalStateException if the semaphore is closed
     */
    public boolean tryAcquire(int n) {
        return permits.tryAcquire(Checks.positive(n, "n"));
    }

    /** Returns one permit, waking the first waiter it completes. */
    public void release() {
        permits.release(1);
    }

    /**
     * Returns {@code n} permits, waking the waiters they complete, in order.
     *
     * @param n the number of permits, at least 1
     * @throws IllegalArgumentException if n is not positive or the count would overflow
     */
    public void release(int n) {
        permits.release(Checks.positive(n, "n"));
    }

    /**
     * The permits free right now (a snapshot).
     *
     * @return the free permits
     */
    public long availablePermits() {
        return permits.available();
    }

    /**
     * The acquires waiting right now (a snapshot).
     *
     * @return the number of queued acquires
     */
    public int queuedAcquires() {
        return permits.waiting();
    }

    /** Fails every waiting and later acquire with {@link IllegalStateException}. Idempotent. */
    public void close() {
        permits.close();
    }

    /** The future of {@link #acquire(int)}. */
    private static final class AcquireFuture extends FairPermits.Acquire implements Future<Void> {
        private final FairPermits permits;

        AcquireFuture(FairPermits permits, int needed) {
            super(needed);
            this.permits = permits;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            return permits.poll(this, cx) ? Poll.ready(null) : Poll.pending();
        }

        @Override
        public void cancel() {
            permits.cancel(this);
        }
    }
}
