package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.internal.wake.Wakers;

/**
 * Wakes waiting tasks without passing a value, after tokio's {@code Notify}.
 *
 * <pre>{@code
 * Notify ready = new Notify();
 * runtime.spawn(Futures.map(ready.notified(), v -> { System.out.println("go"); return null; }));
 * ready.notifyOne();
 * }</pre>
 *
 * <p>{@link #notifyOne()} wakes the longest waiter, or, if nobody waits, stores one permit that
 * the next {@link #notified()} consumes at once (permits do not accumulate beyond one), so a
 * notification sent just before the waiter arrives is not lost. {@link #notifyWaiters()} completes
 * every {@link #notified()} future created before the call, polled yet or not, and stores no
 * permit.
 *
 * <p><strong>Cancellation:</strong> cancelling a waiting {@code notified()} leaves the queue; one
 * chosen by {@code notifyOne} but cancelled before it completed passes the notification on.
 *
 * <p><strong>Thread safety:</strong> every method is safe from any thread.
 */
public final class Notify {
    /*
     * Implementation notes: the monitor (this) guards the permit, the queue and the waiters'
     * states. notifyWaiters bumps `generation`; a Notified remembers the generation it was created
     * in and completes when it differs, which is how futures not yet queued are reached without
     * keeping a list of them. The generation is volatile so creating a Notified needs no lock.
     */

    private static final byte NEW = 0;
    private static final byte WAITING = 1;
    private static final byte CHOSEN = 2; // by notifyOne: must pass it on if cancelled
    private static final byte DONE = 3;

    private final WaitList waiters = new WaitList();
    private boolean permit;
    private volatile int generation;

    /** Creates a Notify with no permit stored. */
    public Notify() {}

    /**
     * A future that completes on the next notification meant for it.
     *
     * @return the future; it joins the queue when first polled
     */
    public Future<Void> notified() {
        return new Notified(this, generation);
    }

    /** Wakes the longest waiter, or stores a permit for the next one. */
    public void notifyOne() {
        Waker w;
        synchronized (this) {
            w = chooseOne();
        }
        if (w != null) {
            Wakers.wake(w);
        }
    }

    /** Caller holds the monitor. */
    private Waker chooseOne() {
        Notified n = (Notified) waiters.removeFirst();
        if (n == null) {
            permit = true;
            return null;
        }
        n.state = CHOSEN;
        Waker w = n.waker;
        n.waker = null;
        return w;
    }

    /** Completes every {@link #notified()} future created before this call. Stores no permit. */
    public void notifyWaiters() {
        Object wakes;
        synchronized (this) {
            generation++;
            wakes = waiters.removeAllTakingWakers(); // their next poll sees the new generation
        }
        Wakes.wake(wakes);
    }

    /**
     * Tasks waiting right now (a snapshot).
     *
     * @return the queue length
     */
    public synchronized int waiting() {
        return waiters.size();
    }

    private static final class Notified extends Waiter implements Future<Void> {
        private final Notify notify;
        private final int generation;
        private byte state = NEW;

        Notified(Notify notify, int generation) {
            this.notify = notify;
            this.generation = generation;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            Notify n = notify;
            synchronized (n) {
                switch (state) {
                    case CHOSEN:
                        state = DONE;
                        return Poll.ready(null);
                    case DONE:
                        throw new IllegalStateException("future polled after it completed");
                    default:
                        break;
                }
                if (n.generation != generation) { // a notifyWaiters since this future was created
                    n.waiters.remove(this);
                    state = DONE;
                    waker = null;
                    return Poll.ready(null);
                }
                waker = cx.waker();
                if (state == NEW) {
                    if (n.permit) {
                        n.permit = false;
                        state = DONE;
                        waker = null;
                        return Poll.ready(null);
                    }
                    n.waiters.addLast(this);
                    state = WAITING;
                }
                return Poll.pending();
            }
        }

        @Override
        public void cancel() {
            Waker pass = null;
            Notify n = notify;
            synchronized (n) {
                n.waiters.remove(this);
                if (state == CHOSEN) {
                    pass = n.chooseOne(); // never observed: hand it to the next waiter
                }
                state = DONE;
                waker = null;
            }
            if (pass != null) {
                Wakers.wake(pass);
            }
        }
    }
}
