package dev.weft.future;

import dev.weft.internal.wake.Wakers;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * A slot for one {@link Waker}, registered by the consumer that polls and woken by producers on
 * any thread, with no lock and no lost wakeup.
 *
 * <p>This is the synchronization primitive behind most leaf futures: the poller calls
 * {@link #register(Waker)} before checking whether its event happened, and the producer makes the
 * event visible and then calls {@link #wake()}. Either the poller sees the event, or the producer
 * sees the registered waker; never neither.
 *
 * <pre>{@code
 * public Poll<T> poll(Context cx) {
 *     slot.register(cx.waker());    // first register...
 *     T v = value;                  // ...then check (value is volatile)
 *     return v != null ? Poll.ready(v) : Poll.pending();
 * }
 * // producer, any thread:
 * value = v;
 * slot.wake();
 * }</pre>
 *
 * <p><strong>Thread safety:</strong> {@link #register(Waker)} must be called by one thread at a
 * time (the task that polls); {@link #wake()} and {@link #take()} may be called concurrently from
 * any number of threads, and concurrently with {@code register}.
 *
 * <p><strong>Wakeups:</strong> a wake that races a registration wakes the newly registered waker;
 * a wake with nothing registered is a no-op.
 */
public final class AtomicWaker {
    /*
     * Implementation notes:
     *
     * The algorithm is futures-rs's AtomicWaker. The state word acts as a small lock around the
     * plain `waker` field:
     *
     * 1. register() moves WAITING -> REGISTERING (acquire), writes `waker`, then tries
     *    REGISTERING -> WAITING (release). If that CAS fails the state is REGISTERING|WAKING: a
     *    wake() arrived meanwhile and found the lock taken, so register() itself takes the waker,
     *    resets the state to WAITING and wakes it. The wake is never lost.
     * 2. take() sets WAKING with getAndBitwiseOr (acquire+release). If the previous state was
     *    WAITING it owns the field: it reads and clears `waker`, then clears WAKING (release).
     *    Otherwise the owner of the lock (a registering thread, or another waking thread) will
     *    deliver the wake, and take() returns null.
     * 3. register() that finds WAKING (a wake in progress) wakes the new waker at once: the
     *    event may already have happened and the in-progress wake may read the old waker.
     *
     * The `waker` field is only read or written by the party that moved the state out of WAITING,
     * and each such move is an acquire that pairs with the release that moved it back, so the
     * plain accesses to `waker` are ordered by those edges.
     *
     * A concurrent register() from two threads is a misuse; the second one finds REGISTERING and
     * returns without registering (as futures-rs does), which cannot corrupt the state.
     */

    /** No one holds the slot; `waker` may be read or written by whoever takes it. */
    static final int WAITING = 0;
    /** A register() call holds the slot and is writing `waker`. */
    static final int REGISTERING = 0b01;
    /** A wake() call holds (or wants) the slot to take `waker`. */
    static final int WAKING = 0b10;

    private volatile int state; // WAITING (0); no initializer, which would be a fence per instance
    private Waker waker;

    /** Creates an empty slot. */
    public AtomicWaker() {}

    /**
     * Registers {@code waker} to be woken by the next {@link #wake()}, replacing any earlier one.
     *
     * @param waker the waker of the polling task
     * @throws NullPointerException "waker is null"
     */
    public void register(Waker waker) {
        Objects.requireNonNull(waker, "waker is null");
        int prev = (int) STATE.compareAndExchange(this, WAITING, REGISTERING);
        if (prev == WAITING) {
            this.waker = waker;
            // Release the slot; failure means a wake came in while we held it (rule 1).
            int actual = (int) STATE.compareAndExchange(this, REGISTERING, WAITING);
            if (actual != REGISTERING) {
                Waker w = this.waker;
                this.waker = null;
                STATE.getAndSet(this, WAITING);
                Wakers.wake(w);
            }
        } else if (prev == WAKING) {
            // Rule 3: a wake is being delivered to the old waker; the new one must hear it too.
            Wakers.wake(waker);
        }
        // Otherwise a concurrent register() holds the slot: a caller bug, ignored as futures-rs does.
    }

    /**
     * Takes the registered waker out of the slot without waking it.
     *
     * @return the waker, or {@code null} if none is registered or another thread is handling it
     */
    public Waker take() {
        int prev = (int) STATE.getAndBitwiseOr(this, WAKING);
        if (prev == WAITING) {
            Waker w = this.waker;
            this.waker = null;
            STATE.getAndBitwiseAnd(this, ~WAKING);
            return w;
        }
        return null;
    }

    /**
     * Wakes and clears the registered waker, if any. Safe from any thread. A waker that throws is
     * reported to {@link dev.weft.runtime.WeftHooks#setErrorHandler the error hook} and this call
     * returns normally, so a publisher's {@code onNext} that wakes its poller never throws
     * (Reactive Streams rule 2.13).
     */
    public void wake() {
        Waker w = take();
        if (w != null) {
            Wakers.wake(w);
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
            STATE = MethodHandles.lookup().findVarHandle(AtomicWaker.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
