package dev.weft.internal.driver.time;

import java.util.ArrayList;
import java.util.List;

/**
 * A runtime's timers: the wheels, their clock, and the hand-off to the scheduler, which parks one
 * thread until the next deadline and calls fireDue() after parking and between tasks.
 */
public final class TimeDriver {
    /*
     * Implementation notes:
     *
     * The timers are split into shards, each a wheel under its own lock (tokio's sharded timer
     * wheel): one per worker of a multi-thread runtime, which registers and cancels its tasks'
     * timers there, and one for every other thread (blockOn callers, the blocking pool). With
     * one global lock, two workers that each registered and cancelled timeouts completed fewer
     * of them together than one worker alone: every registration moved the lock's and the
     * wheel's cache lines between the cores. An entry remembers its shard, so a task that
     * another worker stole cancels in the shard it registered in.
     *
     * Each shard's `nextDeadline` caches its earliest deadline (a tick), so the scheduler's checks
     * between tasks cost a clock read and one volatile read a shard, not the locks. It may be
     * earlier than the truth (after a cancel) but never later: every insert that becomes the
     * shard's earliest lowers it under the lock, and fireDue recomputes it under the lock. A
     * stale early value only causes one spurious wake. A thread that fires takes every shard
     * that is due, not only its own: a worker stuck in a long poll must not hold up its timers.
     *
     * Wake-up of the parked driver thread: register() lowers its shard's nextDeadline (volatile
     * write), then runs onEarlierDeadline, which reads who is parked with a timeout; a thread
     * about to park publishes itself (volatile) before it reads the shards' deadlines to compute
     * its timeout. Both are sequentially consistent, so either the parker sees the new deadline
     * or the registrar sees the parker and unparks it: a new early timer is never slept through.
     * A registration that lowers its shard's deadline notifies even when another shard's is
     * earlier still; that costs a spurious wake at most, and keeps the argument per shard.
     *
     * Wakers are woken outside the locks: waking schedules a task, which must not run under them.
     */

    private static final long NANOS_PER_TICK = 1_000_000L;

    /** A thread with a shard of its own in some driver: a multi-thread runtime's worker. */
    public interface ShardOwner {
        /** This thread's shard in {@code driver}, or -1 if it has none there. */
        int timerShard(TimeDriver driver);
    }

    /** One wheel and its lock (the shard object itself). */
    private static final class Shard {
        final TimerWheel wheel = new TimerWheel();
        volatile long nextDeadline = Long.MAX_VALUE;
    }

    private final Clock clock;
    private final long origin;
    private final Shard[] shards;
    private volatile Runnable onEarlierDeadline = () -> {};

    /** A driver with one shard, for runtimes that run their tasks on one thread. */
    public TimeDriver(Clock clock) {
        this(clock, 1);
    }

    /**
     * @param shardCount 1 + the number of threads that own a shard (ShardOwner indices are
     *     0..shardCount-2; the last shard serves every other thread)
     */
    public TimeDriver(Clock clock, int shardCount) {
        if (shardCount < 1) {
            throw new IllegalArgumentException("shardCount must be at least 1, got " + shardCount);
        }
        this.clock = clock;
        this.origin = clock.nanoTime();
        shards = new Shard[shardCount];
        for (int i = 0; i < shardCount; i++) {
            shards[i] = new Shard();
        }
    }

    public Clock clock() {
        return clock;
    }

    public long nowNanos() {
        return clock.nanoTime();
    }

    /** Called (outside the lock) when a registration moves a shard's earliest deadline forward. */
    public void setOnEarlierDeadline(Runnable callback) {
        onEarlierDeadline = callback;
    }

    private long tickOf(long nanos) {
        return Math.floorDiv(nanos - origin, NANOS_PER_TICK);
    }

    /** The calling thread's shard: its own if it owns one here, else the shared last one. */
    private int currentShard() {
        int last = shards.length - 1;
        if (last == 0) {
            return 0;
        }
        Thread t = Thread.currentThread();
        if (t instanceof ShardOwner) {
            int i = ((ShardOwner) t).timerShard(this);
            if (i >= 0 && i < last) {
                return i;
            }
        }
        return last;
    }

    /**
     * Registers the entry to fire at deadlineNanos (rounded up to the next tick, so it never fires
     * early), in the calling thread's shard. Returns false, registering nothing, if the deadline
     * is not after the time the shard's wheel has reached: it has passed. A deadline that passed
     * only since is registered like any other and fires at the next fireDue(), which the
     * notification of an earliest deadline brings about at once if a thread sleeps in the
     * driver. So registering reads no clock (22 ns here, a fifth of what a timeout costs a
     * worker); tokio's wheel decides the same way, by its elapsed time.
     */
    public boolean register(TimerEntry e, long deadlineNanos) {
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
        int index = currentShard();
        Shard shard = shards[index];
        boolean earlier;
        synchronized (shard) {
            if (!shard.wheel.insert(e, tick)) {
                return false;
            }
            e.shard = index;
            earlier = tick < shard.nextDeadline;
            if (earlier) {
                shard.nextDeadline = tick;
            }
        }
        if (earlier) {
            onEarlierDeadline.run();
        }
        return true;
    }

    /**
     * Removes the entry in O(1); harmless if it already fired. Called by the entry's owner, after
     * its register() (a task's polls are ordered, on whichever worker they run).
     */
    public void cancel(TimerEntry e) {
        int index = e.shard;
        if (index < 0) {
            return; // never registered
        }
        Shard shard = shards[index];
        synchronized (shard) {
            shard.wheel.remove(e);
        }
    }

    /** Nanoseconds until the earliest deadline: 0 if due, -1 if none (or the clock is paused). */
    public long nanosUntilNextDeadline() {
        long next = nextDeadline();
        if (next == Long.MAX_VALUE || clock.isPaused()) {
            return next == Long.MAX_VALUE || tickOf(clock.nanoTime()) < next ? -1 : 0;
        }
        long left = origin + next * NANOS_PER_TICK - clock.nanoTime();
        return Math.max(0, left);
    }

    /** The earliest shard deadline (a tick), or Long.MAX_VALUE. */
    private long nextDeadline() {
        long next = Long.MAX_VALUE;
        for (Shard s : shards) {
            next = Math.min(next, s.nextDeadline);
        }
        return next;
    }

    /** Fires every entry due by now, in every shard; returns how many. Cheap when nothing is due. */
    public int fireDue() {
        long now = tickOf(clock.nanoTime());
        List<TimerEntry> due = null;
        for (Shard s : shards) {
            if (now < s.nextDeadline) {
                continue;
            }
            if (due == null) {
                due = new ArrayList<>();
            }
            synchronized (s) {
                s.wheel.advance(now, due);
                s.nextDeadline = s.wheel.nextExpiration();
            }
        }
        if (due == null) {
            return 0;
        }
        for (TimerEntry e : due) {
            e.fire();
        }
        return due.size();
    }

    /** Whether any timer is registered (racy; a hint for handing the timed sleep on). */
    public boolean hasTimers() {
        return nextDeadline() != Long.MAX_VALUE;
    }

    /** Registered entries; for tests. */
    public int size() {
        int n = 0;
        for (Shard s : shards) {
            synchronized (s) {
                n += s.wheel.size();
            }
        }
        return n;
    }
}
