package dev.weft.internal.driver;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/** A Parker on LockSupport that spins briefly first, since a cross-core wake costs 35-50 us here. */
public final class ThreadParker implements Parker {
    /*
     * Implementation notes:
     *
     * State: EMPTY, PARKED (the owner is, or is about to be, in LockSupport.park) or NOTIFIED (a
     * permit is waiting). unpark() swaps in NOTIFIED and calls LockSupport.unpark only if it
     * replaced PARKED, so unparking a thread that is running or spinning costs one atomic swap
     * and no system call. park() consumes NOTIFIED with a CAS; while spinning it only reads.
     * LockSupport.park may return spuriously, so the blocking loop re-checks the state.
     * The swap (release) pairs with the consuming CAS (acquire): whatever the unparker published
     * before unpark() is visible to the owner after park() returns.
     */

    static final int EMPTY = 0;
    static final int PARKED = 1;
    static final int NOTIFIED = 2;

    private final int spins;

    public int spins() {
        return spins;
    }
    private volatile Thread owner;
    private volatile int state;

    /**
     * @param spins how many times to check for a wake with Thread.onSpinWait before blocking
     */
    public ThreadParker(int spins) {
        this.spins = spins;
    }

    /** Sets the thread that parks; for parkers handed from thread to thread (the current-thread core). */
    public void bind(Thread thread) {
        owner = thread;
    }

    @Override
    public void park() {
        parkNanos(0L);
    }

    @Override
    public void parkNanos(long nanos) {
        if (consume()) {
            return;
        }
        for (int i = 0; i < spins; i++) {
            Thread.onSpinWait();
            if (state == NOTIFIED && consume()) {
                return;
            }
        }
        if (!STATE.compareAndSet(this, EMPTY, PARKED)) {
            consume(); // the only other state is NOTIFIED
            return;
        }
        // LockSupport.park returns at once while the interrupt flag is set, so an interrupted
        // blockOn thread would spin. Waits are not interruptible (as CompletableFuture.join):
        // the flag is cleared while blocked and set again on the way out.
        boolean interrupted = Thread.interrupted();
        if (blockUntilNotified(nanos) || interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The state is PARKED; returns once a notification is consumed or the time is up, and
     * whether the thread was interrupted meanwhile (the flag is cleared so park blocks again).
     */
    private boolean blockUntilNotified(long nanos) {
        boolean interrupted = false;
        long deadline = nanos > 0 ? System.nanoTime() + nanos : 0L;
        for (;;) {
            if (nanos > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    // Time is up: leave PARKED unless a notification won the race.
                    if (!STATE.compareAndSet(this, PARKED, EMPTY)) {
                        consume();
                    }
                    return interrupted;
                }
                LockSupport.parkNanos(this, left);
            } else {
                LockSupport.park(this);
            }
            if (consume()) {
                return interrupted;
            }
            interrupted |= Thread.interrupted();
        }
    }

    private boolean consume() {
        return STATE.compareAndSet(this, NOTIFIED, EMPTY);
    }

    /**
     * Consumes a pending unpark without blocking: true if one was pending. A thread about to
     * block somewhere else (in Selector.select) checks this after publishing where it blocks.
     */
    public boolean tryConsume() {
        return consume();
    }

    @Override
    public void unpark() {
        if ((int) STATE.getAndSet(this, NOTIFIED) == PARKED) {
            LockSupport.unpark(owner);
        }
    }

    /** For the stress tests: the raw state word, read through the named constants. */
    int state() {
        return state;
    }

    // VarHandle mechanics
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ThreadParker.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
