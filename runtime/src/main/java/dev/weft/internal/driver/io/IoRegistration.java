package dev.weft.internal.driver.io;

import dev.weft.future.AtomicWaker;
import dev.weft.future.Waker;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;

/**
 * One channel's link to the selector: its key, the interest currently armed, and a waker slot
 * for each direction. Interest is armed only while a task waits (NIO is level-triggered: a key
 * left interested in data nobody reads makes every select return at once).
 */
public final class IoRegistration {
    /*
     * Implementation notes:
     *
     * 1. Waiting (any worker): register the waker in the direction's AtomicWaker, arm the
     *    interest, then retry the operation before returning pending. The retry closes the race
     *    with readiness that arrived before the interest was armed.
     * 2. Dispatch (the selecting thread): for each ready direction, disarm it and wake its
     *    waker. Disarming first means a task that has not yet run does not keep the selector
     *    spinning on the same readiness.
     * 3. `interest` and key.interestOps are updated together under `this`: a reader arming
     *    OP_READ and a writer arming OP_WRITE from two workers must not lose each other's bit.
     *    Since JDK 11 interestOps() does not block on a select in progress; the change applies
     *    at the next select, so arming wakes the selector (coalesced by IoDriver).
     * 4. Closing: the owner closes the channel (which cancels the key) and then calls
     *    wakeAll(), so a task waiting in either direction retries and sees the closed channel.
     */

    private final IoDriver driver;
    private SelectionKey key;
    private int interest;
    private final AtomicWaker readers = new AtomicWaker();
    private final AtomicWaker writers = new AtomicWaker();

    IoRegistration(IoDriver driver) {
        this.driver = driver;
    }

    void bind(SelectionKey key) {
        this.key = key;
    }

    /** Protocol 1: call with the op's bit (OP_READ/OP_ACCEPT or OP_WRITE/OP_CONNECT). */
    public void awaitReady(int op, Waker waker) {
        (isWrite(op) ? writers : readers).register(waker);
        synchronized (this) {
            if ((interest & op) != 0) {
                return;
            }
            interest |= op;
            try {
                key.interestOps(interest);
            } catch (CancelledKeyException closed) {
                // The channel was closed; the caller's retry reports it.
                return;
            }
        }
        driver.interestChanged();
    }

    /** Protocol 2: called by the selecting thread. */
    void dispatch(int readyOps) {
        synchronized (this) {
            int fired = readyOps & interest;
            if (fired == 0) {
                return;
            }
            interest &= ~fired;
            try {
                key.interestOps(interest);
            } catch (CancelledKeyException closed) {
                // fall through: wake everyone so they see the closed channel
            }
            readyOps = fired;
        }
        if ((readyOps & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) {
            readers.wake();
        }
        if ((readyOps & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) {
            writers.wake();
        }
    }

    /** Drops a waiting direction's waker (a cancelled read or write). */
    public void stopWaiting(int op) {
        (isWrite(op) ? writers : readers).take();
    }

    /** Protocol 4. */
    public void wakeAll() {
        readers.wake();
        writers.wake();
    }

    private static boolean isWrite(int op) {
        return (op & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0;
    }
}
