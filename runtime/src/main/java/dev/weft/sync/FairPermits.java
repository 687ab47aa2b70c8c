package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Waker;

/**
 * The engine of AsyncSemaphore and AsyncMutex: a count of permits and a FIFO of acquirers.
 *
 * <p>Fair: while anyone waits, a new acquirer queues behind them even if permits are free, so a
 * large request is never starved by a stream of small ones (tokio's batch semaphore makes the
 * same choice). Cancel-safe: a waiter that is cancelled leaves the queue, and one that was
 * granted permits it never observed gives them back, so they pass to the next waiter.
 */
final class FairPermits {
    /*
     * Implementation notes: one monitor (this) guards the count, the queue and every Acquire's
     * state. Grants happen under it, in queue order, and only as far as the head can be served;
     * the granted waiters' wakers are collected and woken after the monitor is released.
     */

    static final byte WAITING = 0;
    static final byte GRANTED = 1;
    static final byte DONE = 2;

    /** One acquisition of `needed` permits; the future that waits extends it. */
    abstract static class Acquire extends Waiter {
        final int needed;
        byte state = WAITING;

        Acquire(int needed) {
            this.needed = needed;
        }
    }

    private final String name;
    private long permits;
    private boolean closed;
    private final WaitList waiters = new WaitList();

    FairPermits(String name, long permits) {
        this.name = name;
        this.permits = permits;
    }

    synchronized boolean tryAcquire(int n) {
        if (closed) {
            throw closedError();
        }
        if (waiters.isEmpty() && permits >= n) {
            permits -= n;
            return true;
        }
        return false;
    }

    /** True once `a` holds its permits (then it is done); false after registering its waker. */
    synchronized boolean poll(Acquire a, Context cx) {
        switch (a.state) {
            case GRANTED:
                a.state = DONE;
                return true;
            case DONE:
                throw new IllegalStateException("future polled after it completed");
            default:
                break;
        }
        if (closed) {
            waiters.remove(a);
            a.state = DONE;
            throw closedError();
        }
        a.waker = cx.waker();
        if (!a.queued) {
            if (waiters.isEmpty() && permits >= a.needed) {
                permits -= a.needed;
                a.state = DONE;
                a.waker = null;
                return true;
            }
            waiters.addLast(a);
        }
        return false;
    }

    /** Withdraws `a`: leaves the queue, or gives back permits it was granted but never saw. */
    void cancel(Acquire a) {
        Object wakes = null;
        synchronized (this) {
            if (a.queued) {
                boolean wasHead = waiters.first() == a;
                waiters.remove(a);
                if (wasHead) {
                    wakes = grantWaiters(); // the head may have blocked smaller requests
                }
            } else if (a.state == GRANTED) {
                permits += a.needed;
                wakes = grantWaiters();
            }
            a.state = DONE;
            a.waker = null;
        }
        Wakes.wake(wakes);
    }

    void release(long n) {
        Object wakes;
        synchronized (this) {
            if (permits > Long.MAX_VALUE - n) {
                throw new IllegalArgumentException("release of " + n + " permits overflows the count of " + permits);
            }
            permits += n;
            wakes = grantWaiters();
        }
        Wakes.wake(wakes);
    }

    /** Serves waiters from the head while the permits cover them. Caller holds the monitor. */
    private Object grantWaiters() {
        Object wakes = null;
        for (Acquire head; (head = (Acquire) waiters.first()) != null && permits >= head.needed; ) {
            waiters.remove(head);
            permits -= head.needed;
            head.state = GRANTED;
            Waker w = head.waker;
            head.waker = null;
            wakes = Wakes.add(wakes, w);
        }
        return wakes;
    }

    void close() {
        Object wakes;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            wakes = waiters.removeAllTakingWakers();
        }
        Wakes.wake(wakes);
    }

    synchronized long available() {
        return permits;
    }

    synchronized int waiting() {
        return waiters.size();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private IllegalStateException closedError() {
        return new IllegalStateException("acquire on a closed " + name);
    }
}
