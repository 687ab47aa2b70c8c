package dev.weft.time;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.internal.driver.RuntimeContext;
import dev.weft.internal.driver.time.TimeDriver;
import dev.weft.internal.driver.time.TimerEntry;
import dev.weft.stream.AsyncStream;

/**
 * Ticks at start + k * period. Missed ticks are skipped: a consumer that falls behind gets one
 * tick at once, numbered by the schedule, and the next on the original grid.
 */
final class Interval implements AsyncStream<Long> {
    private final long period;
    private TimeDriver driver;
    private long start;
    private long nextIndex;
    private TimerEntry entry;
    private boolean cancelled;

    Interval(long period) {
        this.period = period;
    }

    @Override
    public Poll<Long> pollNext(Context cx) {
        if (cancelled) {
            throw new IllegalStateException("interval polled after it was cancelled");
        }
        if (driver == null) {
            driver = RuntimeContext.require("interval").time;
            start = driver.nowNanos();
            nextIndex = 1;
            return Poll.ready(0L); // the first tick is immediate
        }
        for (;;) {
            if (entry == null) {
                long deadline = start + nextIndex * period;
                // An overdue tick is delivered in this poll (the driver would only fire it at its
                // next round): a consumer that fell behind gets it at once.
                if (deadline - driver.nowNanos() > 0) {
                    entry = new TimerEntry();
                    entry.setWakerBeforeRegistering(cx.waker());
                    if (driver.register(entry, deadline)) {
                        return Poll.pending();
                    }
                }
                // already due: fall through and deliver it
            } else {
                if (!entry.registerThenCheckFired(cx.waker())) {
                    return Poll.pending();
                }
            }
            entry = null;
            long tick = nextIndex;
            // Skip what was missed: the next tick is the first grid point after now.
            long elapsedTicks = (driver.nowNanos() - start) / period;
            nextIndex = Math.max(nextIndex + 1, elapsedTicks + 1);
            return Poll.ready(tick);
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        if (entry != null) {
            driver.cancel(entry);
            entry.clearWaker();
            entry = null;
        }
    }
}
