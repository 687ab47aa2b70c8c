package dev.weft.time;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.internal.driver.RuntimeContext;
import dev.weft.internal.driver.time.TimeDriver;
import dev.weft.internal.driver.time.TimerEntry;

/**
 * A future that completes once its runtime's clock passes a deadline. It is its own timer entry,
 * so a sleeping task costs one object here (W3 spawns 100,000 of them).
 */
final class Sleep extends TimerEntry implements Future<Void> {
    private final long durationNanos;
    private final long deadlineWallMillis; // for sleepUntil, or Long.MIN_VALUE
    private TimeDriver driver;
    /** The deadline on driver's clock, fixed at creation on a runtime thread, else at first poll. */
    private long deadlineNanos;
    private boolean registered;
    private boolean done;

    Sleep(long durationNanos, long deadlineWallMillis) {
        this.durationNanos = durationNanos;
        this.deadlineWallMillis = deadlineWallMillis;
        RuntimeContext cx = deadlineWallMillis == Long.MIN_VALUE ? RuntimeContext.current() : null;
        if (cx != null) {
            // Created in a task or blockOn: the runtime's clock is known, so count from now, as
            // users of tokio's sleep or CompletableFuture.delayedExecutor expect.
            driver = cx.time;
            deadlineNanos = saturatedAdd(driver.nowNanos(), durationNanos);
        }
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("future polled after it completed");
        }
        if (!registered) {
            if (driver == null) {
                long nanos = deadlineWallMillis == Long.MIN_VALUE ? durationNanos
                        : Math.max(0L, (deadlineWallMillis - System.currentTimeMillis()) * 1_000_000L);
                if (nanos == 0) {
                    done = true;
                    return Poll.ready(null);
                }
                driver = RuntimeContext.require("sleep").time;
                deadlineNanos = saturatedAdd(driver.nowNanos(), nanos);
            } else if (durationNanos == 0) {
                done = true;
                return Poll.ready(null);
            }
            setWakerBeforeRegistering(cx.waker()); // it may fire as soon as it is registered
            if (!driver.register(this, deadlineNanos)) {
                done = true;
                clearWaker();
                return Poll.ready(null);
            }
            registered = true;
            return Poll.pending();
        }
        if (registerThenCheckFired(cx.waker())) {
            done = true;
            return Poll.ready(null);
        }
        return Poll.pending();
    }

    @Override
    public void cancel() {
        if (!done) {
            done = true;
            if (registered) {
                driver.cancel(this);
                clearWaker();
            }
        }
    }

    static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
