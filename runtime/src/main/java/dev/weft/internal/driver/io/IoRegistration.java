package dev.weft.internal.driver.io;

import dev.weft.future.AtomicWaker;
import dev.weft.future.Waker;
import dev.weft.internal.wake.Wakers;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;

/**
 * One channel's link to the selector: its key, the interest currently armed, and a waker slot
 * for each direction. NIO is level-triggered: a key left interested in data nobody reads makes
 * every select return at once. So write and connect interest is armed only while a task waits,
 * and read and accept interest is dropped the first time the selector reports it with no task
 * waiting; until then it stays armed, so a connection that answers request after request (W4)
 * changes no interest and wakes no selector.
 */
public final class IoRegistration {
    /*
     * Implementation notes:
     *
     * 1. Waiting (any worker): register the waker in the direction's AtomicWaker, then, under
     *    `this`, arm the interest unless it is armed. Only if it armed now must the caller retry
     *    the operation before returning pending: readiness may have come before the interest.
     *    If it was armed, every readiness from the failed attempt on is still to be reported
     *    (level-triggered), and the dispatch that reports it either finds this waker (it ran
     *    after the registration) or dropped the interest (it ran before, and then this call
     *    sees the interest unarmed and arms it, and the caller retries). Dispatch and this
     *    check both hold `this`, so one of the two always happens.
     * 2. Dispatch (the selecting thread), under `this`: write and connect readiness disarm
     *    their interest and wake the writer. Read and accept readiness takes the reader's
     *    waker; if there is one, the interest stays armed for the reader's next wait, and if
     *    there is none, the interest is dropped, so data nobody waits for makes the selector
     *    return once, not on every select. take() returns null while a register() is in
     *    flight; that registrar wakes itself (AtomicWaker rule 1), so dropping the interest
     *    then loses nothing: the woken task retries, and its next wait arms again.
     * 3. `interest` and key.interestOps are updated together under `this`: a reader arming
     *    OP_READ and a writer arming OP_WRITE from two workers must not lose each other's bit.
     *    Since JDK 11 interestOps() does not block on a select in progress; the change applies
     *    at the next select, so arming wakes the selector (coalesced by IoDriver). Dropping
     *    interest needs no wakeup: the selecting thread does it itself.
     * 4. Closing: the owner closes the channel (which cancels the key) and then calls
     *    wakeAll(), so a task waiting in either direction retries and sees the closed channel.
     * 5. Skipping a read that would block (tokio's short-read rule): a read that returned less
     *    than it had room for emptied the socket's buffer, so until the selector reports read
     *    readiness again the next read would only return "would block". The reader notes the
     *    dispatch count it saw before that read; while the count has not moved, its next
     *    read goes straight to waiting (protocol 1). This is only ever a hint: if data came
     *    in between and the dispatch that reported it raced the note, the wait still gets it,
     *    because armed interest reports unread data at every select (level-triggered), and a
     *    wait that had to arm retries. A wrong hint costs a select round, never a lost wake.
     */

    private static final int READ_OPS = SelectionKey.OP_READ | SelectionKey.OP_ACCEPT;
    private static final int WRITE_OPS = SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT;

    private final IoDriver driver;
    private SelectionKey key;
    private int interest;
    private final AtomicWaker readers = new AtomicWaker();
    private final AtomicWaker writers = new AtomicWaker();
    /** Read readiness reports so far (protocol 5); written under `this`, read by the reader. */
    private volatile int readReports;
    /** The readReports a reader saw before a read that emptied the socket (protocol 5). */
    private int drainedAt = -1;

    IoRegistration(IoDriver driver) {
        this.driver = driver;
    }

    void bind(SelectionKey key) {
        this.key = key;
    }

    /**
     * Protocol 1: call with the op's bit (OP_READ/OP_ACCEPT or OP_WRITE/OP_CONNECT) after the
     * operation would have blocked.
     *
     * @return true if the caller must try the operation once more before returning pending
     *     (the interest was armed just now, or the channel is closed)
     */
    public boolean awaitReady(int op, Waker waker) {
        (isWrite(op) ? writers : readers).register(waker);
        synchronized (this) {
            if ((interest & op) != 0) {
                // A channel closed meanwhile reports nothing more: retry to see it (protocol 4).
                return !key.isValid();
            }
            interest |= op;
            try {
                key.interestOps(interest);
            } catch (CancelledKeyException closed) {
                return true; // the retry reports the closed channel
            }
        }
        driver.interestChanged();
        return true;
    }

    /** Protocol 2: called by the selecting thread. */
    void dispatch(int readyOps) {
        Waker reader = null;
        int fired;
        synchronized (this) {
            fired = readyOps & interest;
            if (fired == 0) {
                return;
            }
            int drop = fired & WRITE_OPS;
            if ((fired & READ_OPS) != 0) {
                readReports++; // under `this`; the volatile write publishes it to the reader
                reader = readers.take();
                if (reader == null) {
                    drop |= fired & READ_OPS;
                }
            }
            if (drop != 0) {
                interest &= ~drop;
                try {
                    key.interestOps(interest);
                } catch (CancelledKeyException closed) {
                    // closed meanwhile: the closer wakes both directions (protocol 4)
                }
            }
        }
        if (reader != null) {
            Wakers.wake(reader);
        }
        if ((fired & WRITE_OPS) != 0) {
            writers.wake();
        }
    }

    /** Protocol 5: the read-readiness reports so far; read it before a read attempt. */
    public int readReports() {
        return readReports;
    }

    /**
     * Protocol 5: the read attempted after {@code reportsBefore} was seen would have blocked, or
     * returned less than it had room for. The reader's thread only.
     */
    public void readDrained(int reportsBefore) {
        drainedAt = reportsBefore;
    }

    /** Protocol 5: true while a read would most likely block, so the reader may wait at once. */
    public boolean readStillDrained() {
        return drainedAt == readReports;
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
        return (op & WRITE_OPS) != 0;
    }

    /** Whether op waits for incoming data or connections (OP_READ or OP_ACCEPT). */
    public static boolean isRead(int op) {
        return (op & READ_OPS) != 0;
    }

    /** The interest armed now; for tests. */
    synchronized int armedInterest() {
        return interest;
    }
}
