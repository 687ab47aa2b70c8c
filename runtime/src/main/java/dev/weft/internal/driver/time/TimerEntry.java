package dev.weft.internal.driver.time;

import dev.weft.future.AtomicWaker;

/**
 * One registered deadline: a node of the timing wheel and the waker to wake when it passes.
 * The wheel fields are guarded by the TimeDriver's lock; `fired` and `waker` are the thread-safe
 * hand-off to the future that owns the entry.
 */
public final class TimerEntry {
    /** The deadline in wheel ticks (ms since the driver's origin); guarded by the driver lock. */
    long deadline;
    /** Slot list links and position; level is -1 while the entry is not in the wheel. */
    TimerEntry prev;
    TimerEntry next;
    int level = -1;
    int slot;

    /** Set (release) before the waker is woken; read (acquire) by the owner's poll. */
    private volatile boolean fired;
    private final AtomicWaker waker = new AtomicWaker();

    public AtomicWaker waker() {
        return waker;
    }

    public boolean isFired() {
        return fired;
    }

    void fire() {
        fired = true;
        waker.wake();
    }
}
