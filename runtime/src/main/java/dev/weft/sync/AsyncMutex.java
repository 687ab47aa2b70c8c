package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;

/**
 * A fair mutual-exclusion lock whose {@link #lock()} is a future, for critical sections that
 * span an await (holding a {@code synchronized} monitor across one would block a worker).
 *
 * <pre>{@code
 * AsyncMutex mutex = new AsyncMutex();
 * Future<Void> update = Futures.flatMap(mutex.lock(), guard ->
 *         Futures.map(writeBoth(), v -> { guard.close(); return null; }));
 * }</pre>
 *
 * <p><strong>Fairness:</strong> first come, first served; an unlock hands the lock to the
 * longest waiter. Not reentrant: a holder that locks again waits for itself forever.
 *
 * <p><strong>Cancellation:</strong> cancelling a waiting lock leaves the queue; one that was
 * handed the lock but cancelled before it completed passes the lock on, so a cancelled waiter
 * never swallows it.
 *
 * <p><strong>Thread safety:</strong> every method is safe from any thread; a guard may be
 * released on a thread other than the one that acquired it.
 */
public final class AsyncMutex {
    private final FairPermits permits = new FairPermits("mutex", 1);

    /** Creates an unlocked mutex. */
    public AsyncMutex() {}

    /**
     * A future of the lock: completes with the guard once the caller holds it.
     *
     * @return the future; nothing is taken until it is polled
     */
    public Future<Guard> lock() {
        return new LockFuture(permits);
    }

    /**
     * Takes the lock if it is free and nobody waits.
     *
     * @return the guard, or {@code null} if the lock is held or contended
     */
    public Guard tryLock() {
        if (!permits.tryAcquire(1)) {
            return null;
        }
        LockFuture g = new LockFuture(permits);
        g.state = FairPermits.DONE;
        return g;
    }

    /**
     * Whether the lock is held right now (a snapshot, for tests and diagnostics).
     *
     * @return true if some guard holds it
     */
    public boolean isLocked() {
        return permits.available() == 0;
    }

    /** Proof of holding the lock; {@link #close()} releases it, exactly once. */
    public interface Guard extends AutoCloseable {
        /**
         * Releases the lock, handing it to the first waiter.
         *
         * @throws IllegalStateException if this guard was already released
         */
        @Override
        void close();
    }

    /** The lock future is also its guard: one object per acquisition. */
    private static final class LockFuture extends FairPermits.Acquire implements Future<Guard>, Guard {
        private final FairPermits permits;
        private boolean released; // the holder's own flag, read by the holder that closes it

        LockFuture(FairPermits permits) {
            super(1);
            this.permits = permits;
        }

        @Override
        public Poll<Guard> poll(Context cx) {
            return permits.poll(this, cx) ? Poll.ready(this) : Poll.pending();
        }

        @Override
        public void cancel() {
            permits.cancel(this);
        }

        @Override
        public void close() {
            synchronized (this) {
                if (released) {
                    throw new IllegalStateException("mutex guard released twice");
                }
                released = true;
            }
            permits.release(1);
        }
    }
}
