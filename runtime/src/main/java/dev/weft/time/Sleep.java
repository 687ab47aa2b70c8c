package dev.weft.time;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.internal.driver.RuntimeContext;
import dev.weft.internal.driver.time.TimeDriver;
import dev.weft.internal.driver.time.TimerEntry;

/** A future that completes once its runtime's clock passes a deadline. */
final class Sleep implements Future<Void> {
    private final long durationNanos;
    private final long deadlineWallMillis; // for sleepUntil, or Long.MIN_VALUE
    private TimeDriver driver;
    private TimerEntry entry;
    private boolean done;

    Sleep(long durationNanos, long deadlineWallMillis) {
        this.durationNanos = durationNanos;
        this.deadlineWallMillis = deadlineWallMillis;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("future polled after it completed");
        }
        if (entry == null) {
            long nanos = deadlineWallMillis == Long.MIN_VALUE ? durationNanos
                    : Math.max(0L, (deadlineWallMillis - System.currentTimeMillis()) * 1_000_000L);
            if (nanos == 0) {
                done = true;
                return Poll.ready(null);
            }
            driver = RuntimeContext.require("sleep").time;
            entry = new TimerEntry();
            entry.waker().register(cx.waker()); // before registering: a fire may come at once
            if (!driver.register(entry, saturatedAdd(driver.nowNanos(), nanos))) {
                done = true;
                return Poll.ready(null);
            }
            return Poll.pending();
        }
        entry.waker().register(cx.waker()); // register, then check (AtomicWaker's contract)
        if (entry.isFired()) {
            done = true;
            return Poll.ready(null);
        }
        return Poll.pending();
    }

    @Override
    public void cancel() {
        if (!done) {
            done = true;
            if (entry != null) {
                driver.cancel(entry);
            }
        }
    }

    static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
