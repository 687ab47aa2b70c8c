package dev.weft.internal.driver.time;

import dev.weft.future.Waker;
import dev.weft.internal.wake.Wakers;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One registered deadline: a node of the timing wheel and the waker to wake when it passes.
 *
 * <p>Not final: a future that waits on exactly one deadline (a sleep) extends it, so a sleeping
 * task costs one object instead of three (future, entry, waker cell).
 */
public class TimerEntry {
    /*
     * Implementation notes:
     *
     * The wheel fields are guarded by the lock of the driver shard whose wheel holds the entry.
     * `fired` and `waker` are the hand-off between the owner's poll and the thread that fires
     * the entry. The event happens once, so a plain Dekker pair of volatiles suffices (no
     * AtomicWaker state machine): the owner writes its waker, then reads `fired`; fire() writes
     * `fired`, then reads the waker. Volatile accesses are sequentially consistent, so either
     * the owner sees `fired` and completes, or fire() sees the owner's latest waker and wakes
     * it: no poll can return pending and then miss the wake. An older waker may be woken as
     * well, which the waker contract allows.
     */

    /** The deadline in wheel ticks (ms since the driver's origin); guarded by its shard's lock. */
    long deadline;
    /**
     * Slot list links and position; level is -1 while the entry is not in the wheel. Bytes (a
     * level is below 8, a slot below 64): a sleep is its own entry, and with the shard index
     * beside them ints would have made it 80 bytes instead of 72.
     */
    TimerEntry prev;
    TimerEntry next;
    byte level = -1;
    byte slot;
    /**
     * The driver shard it was registered in, -1 before. Written under that shard's lock by the
     * registering owner, read by the owner's cancel, which its own earlier poll happens-before.
     */
    int shard = -1;

    private volatile boolean fired;
    private volatile Waker waker;

    /**
     * Stores the owner's waker, then reports whether the entry has fired: the Dekker pair above,
     * for every poll after the one that registered the entry. Owner thread only.
     */
    public final boolean registerThenCheckFired(Waker w) {
        waker = w;
        return fired;
    }

    /**
     * Stores the owner's waker before the entry's first registration (it may fire as soon as it
     * is in a wheel). A release store, not the pair's fence: nothing fires an entry before
     * register() puts it in a wheel under the shard's lock, and that lock publishes the waker to
     * the thread that fires it, which takes the same lock to find it. Owner thread only.
     */
    public final void setWakerBeforeRegistering(Waker w) {
        WAKER.setRelease(this, w);
    }

    public final boolean isFired() {
        return fired;
    }

    /**
     * Forgets the owner's waker, so a cancelled entry does not keep its task reachable. A release
     * store: it only lets go of a reference, and orders nothing anyone waits on.
     */
    public final void clearWaker() {
        WAKER.setRelease(this, null);
    }

    final void fire() {
        fired = true;
        Waker w = waker;
        if (w != null) {
            WAKER.setRelease(this, null); // the entry fires once; drop the task reference early
            Wakers.wake(w); // one broken waker must not stop the wheel firing the rest
        }
    }

    private static final VarHandle WAKER;

    static {
        try {
            WAKER = MethodHandles.lookup().findVarHandle(TimerEntry.class, "waker", Waker.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
