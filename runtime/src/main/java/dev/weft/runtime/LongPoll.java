package dev.weft.runtime;

import java.time.Duration;
import java.util.Arrays;

/**
 * A task poll that ran longer than the watchdog's threshold (see
 * {@link WeftRuntime.Builder#longPollWatchdog}): usually a blocking call on a worker, which
 * stalls every task queued behind it. Carries the worker's stack at the moment it was seen, which
 * points at the blocking call.
 *
 * <p><strong>Thread safety:</strong> immutable.
 */
public final class LongPoll {
    private final String threadName;
    private final Duration runningFor;
    private final StackTraceElement[] stack;

    LongPoll(String threadName, Duration runningFor, StackTraceElement[] stack) {
        this.threadName = threadName;
        this.runningFor = runningFor;
        this.stack = stack.clone();
    }

    /**
     * The worker thread running the poll.
     *
     * @return its name
     */
    public String threadName() {
        return threadName;
    }

    /**
     * How long the poll had been running when the watchdog saw it (it may still be running).
     *
     * @return the duration so far
     */
    public Duration runningFor() {
        return runningFor;
    }

    /**
     * The worker's stack when the watchdog saw the poll.
     *
     * @return a copy of the frames, innermost first
     */
    public StackTraceElement[] stack() {
        return stack.clone();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("a task poll on ").append(threadName).append(" has run for ")
                .append(runningFor.toMillis()).append(" ms (a blocking call on a worker?)");
        for (StackTraceElement e : Arrays.asList(stack).subList(0, Math.min(stack.length, 12))) {
            b.append("\n\tat ").append(e);
        }
        return b.toString();
    }
}
