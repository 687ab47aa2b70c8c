package dev.weft.internal.driver.time;

import java.util.ArrayList;
import java.util.List;

/**
 * A runtime's timers: the wheel, its clock, and the hand-off to the scheduler, which parks one
 * thread until the next deadline and calls fireDue() after parking and between tasks.
 */
public final class TimeDriver {
    /*
     * Implementation notes:
     *
     * The wheel is guarded by `this`. `nextDeadline` caches the earliest deadline (a tick) so the
     * scheduler's checks between tasks cost a volatile read and a clock read, not the lock. It
     * may be earlier than the truth (after a cancel) but never later: every insert that becomes
     * the earliest lowers it under the lock, and fireDue recomputes it under the lock. A stale
     * early value only causes one spurious wake.
     *
     * Wake-up of the parked driver thread: register() lowers nextDeadline (volatile write), then
     * runs onEarlierDeadline, which reads who is parked with a timeout; a thread about to park
     * publishes itself (volatile) before it reads nextDeadline to compute its timeout. Both are
     * sequentially consistent, so either the parker sees the new deadline or the registrar sees
     * the parker and unparks it: a new early timer is never slept through.
     *
     * Wakers are woken outside the lock: waking schedules a task, which must not run under it.
     */

    private static final long NANOS_PER_TICK = 1_000_000L;

    private final Clock clock;
    private final long origin;
    private final TimerWheel wheel = new TimerWheel();
    private volatile long nextDeadline = Long.MAX_VALUE;
    private volatile Runnable onEarlierDeadline = () -> {};

    public TimeDriver(Clock clock) {
        this.clock = clock;
        this.origin = clock.nanoTime();
    }

    public Clock clock() {
        return clock;
    }

    public long nowNanos() {
        return clock.nanoTime();
    }

    /** Called (outside the lock) when a registration moves the earliest deadline forward. */
    public void setOnEarlierDeadline(Runnable callback) {
        onEarlierDeadline = callback;
    }

    private long tickOf(long nanos) {
        return Math.floorDiv(nanos - origin, NANOS_PER_TICK);
    }

    /**
     * Registers the entry to fire at deadlineNanos (rounded up to the next tick, so it never fires
     * early). Returns false if the deadline has already passed, in which case nothing is registered.
     */
    public boolean register(TimerEntry e, long deadlineNanos) {
        long now = tickOf(clock.nanoTime());
        long sinceOrigin = deadlineNanos - origin;
        if (((deadlineNanos ^ origin) & (deadlineNanos ^ sinceOrigin)) < 0) {
            // The subtraction overflowed. The JDK lets nanoTime() be negative, and then a
            // saturated deadline (a sleep of Long.MAX_VALUE nanoseconds) minus the origin wraps
            // into the past: saturate, so it waits (practically) forever instead of firing now.
            if (deadlineNanos < origin) {
                return false;
            }
            sinceOrigin = Long.MAX_VALUE;
        }
        long tick = -Math.floorDiv(-sinceOrigin, NANOS_PER_TICK); // ceiling
        if (tick <= now) {
            return false;
        }
        boolean earlier;
        synchronized (this) {
            if (!wheel.insert(e, tick)) {
                return false;
            }
            earlier = tick < nextDeadline;
            if (earlier) {
                nextDeadline = tick;
            }
        }
        if (earlier) {
            onEarlierDeadline.run();
        }
        return true;
    }

    /** Removes the entry in O(1); harmless if it already fired. */
    public void cancel(TimerEntry e) {
        synchronized (this) {
            wheel.remove(e);
        }
    }

    /** Nanoseconds until the earliest deadline: 0 if due, -1 if none (or the clock is paused). */
    public long nanosUntilNextDeadline() {
        long next = nextDeadline;
        if (next == Long.MAX_VALUE || clock.isPaused()) {
            return next == Long.MAX_VALUE || tickOf(clock.nanoTime()) < next ? -1 : 0;
        }
        long left = origin + next * NANOS_PER_TICK - clock.nanoTime();
        return Math.max(0, left);
    }

    /** Fires every entry due by now; returns how many. Cheap when nothing is due. */
    public int fireDue() {
        long now = tickOf(clock.nanoTime());
        if (now < nextDeadline) {
            return 0;
        }
        List<TimerEntry> due = new ArrayList<>();
        synchronized (this) {
            wheel.advance(now, due);
            nextDeadline = wheel.nextExpiration();
        }
        for (TimerEntry e : due) {
            e.fire();
        }
        return due.size();
    }

    /** Whether any timer is registered (racy; a hint for handing the timed sleep on). */
    public boolean hasTimers() {
        return nextDeadline != Long.MAX_VALUE;
    }

    /** Registered entries; for tests. */
    public synchronized int size() {
        return wheel.size();
    }
}
