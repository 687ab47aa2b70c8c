package dev.weft.time;

import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.internal.util.Checks;
import dev.weft.stream.AsyncStream;
import java.time.Duration;
import java.time.Instant;

/**
 * Sleeps, timeouts and intervals on the runtime's timing wheel (1 ms resolution): no thread per
 * timer, and an idle runtime sleeps until the next deadline.
 *
 * <pre>{@code
 * Future<String> reply = Time.timeout(fetch(), Duration.ofSeconds(2));
 * Future<Void> pause = Time.sleep(Duration.ofMillis(50));
 * }</pre>
 *
 * <p><strong>Clock:</strong> each timer uses the clock of its runtime (a runtime built with
 * {@code pausedClock()} moves only when a test calls {@code advanceTime}). A sleep created in a task
 * or inside blockOn counts from its creation; one created elsewhere (before any runtime is known)
 * counts from its first poll. Deadlines are rounded up to the next millisecond, so a timer never
 * fires early. Polling a timer outside a runtime (not in a task or blockOn) throws
 * {@link IllegalStateException}.
 *
 * <p><strong>Cancellation:</strong> cancelling a sleep removes its wheel entry in O(1); an
 * expired {@link #timeout(Future, Duration) timeout} cancels the future it bounds.
 *
 * <p><strong>Thread safety:</strong> the methods are safe from any thread; the returned futures
 * and streams follow the usual one-poller contract.
 */
public final class Time {
    private Time() {}

    /**
     * Returns a future that completes after {@code duration}: counted from now when called in a
     * task or inside blockOn (the runtime's clock is known), else from the future's first poll.
     *
     * @param duration how long; zero completes on the first poll without touching the wheel
     * @return the sleep
     * @throws NullPointerException "duration is null"
     * @throws IllegalArgumentException "duration >= 0 required but it was PT-1S"
     */
    public static Future<Void> sleep(Duration duration) {
        return new Sleep(nanos(duration, "duration"), Long.MIN_VALUE);
    }

    /**
     * Returns a future that completes once the wall clock reaches {@code deadline}. The remaining
     * time is measured against {@link System#currentTimeMillis()} at the first poll and then
     * waited on the runtime's clock. A deadline in the past completes on the first poll.
     *
     * @param deadline when to complete
     * @return the sleep
     * @throws NullPointerException "deadline is null"
     */
    public static Future<Void> sleepUntil(Instant deadline) {
        Checks.notNull(deadline, "deadline");
        return new Sleep(0L, deadline.toEpochMilli());
    }

    /**
     * Bounds {@code future} by {@code duration}: if it has not completed by then it is cancelled
     * and the result fails with {@link java.util.concurrent.TimeoutException}; if it completes
     * first, the timer is cancelled.
     *
     * @param future the future to bound
     * @param duration the time allowed, counted as for {@link #sleep(Duration)}
     * @param <T> the type of the value
     * @return the bounded future
     * @throws NullPointerException "future is null" or "duration is null"
     * @throws IllegalArgumentException "duration >= 0 required but it was PT-1S"
     */
    public static <T> Future<T> timeout(Future<? extends T> future, Duration duration) {
        Checks.notNull(future, "future");
        return Futures.timeout(future, sleep(duration));
    }

    /**
     * Returns a stream of ticks 0, 1, 2, ... at {@code period} intervals: tick 0 at the first
     * poll, tick k at k periods after it. <strong>Missed ticks are skipped:</strong> a consumer
     * that falls behind gets the overdue tick at once and then continues on the original grid,
     * so the tick numbers it sees jump (a burst of catch-up ticks would only add load to a system
     * already behind). The stream never ends; cancel it to remove its timer.
     *
     * @param period the time between ticks, positive
     * @return the stream of tick numbers
     * @throws NullPointerException "period is null"
     * @throws IllegalArgumentException "period > 0 required but it was PT0S"
     */
    public static AsyncStream<Long> interval(Duration period) {
        Checks.notNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period > 0 required but it was " + period);
        }
        return new Interval(period.toNanos());
    }

    private static long nanos(Duration d, String name) {
        Checks.notNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " >= 0 required but it was " + d);
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE; // about 292 years: as good as forever
        }
    }
}
