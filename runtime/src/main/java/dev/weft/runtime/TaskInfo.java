package dev.weft.runtime;

import java.time.Duration;
import java.util.Optional;

/**
 * One live task in a {@link WeftRuntime#dumpTasks()} dump.
 *
 * <p><strong>Thread safety:</strong> immutable; a snapshot of a moving target.
 */
public final class TaskInfo {
    private final String name;
    private final String state;
    private final Duration sinceLastPoll;
    private final StackTraceElement[] spawnedAt;

    TaskInfo(String name, String state, Duration sinceLastPoll, StackTraceElement[] spawnedAt) {
        this.name = name;
        this.state = state;
        this.sinceLastPoll = sinceLastPoll;
        this.spawnedAt = spawnedAt;
    }

    /**
     * The name given at {@link WeftRuntime#spawn(String, dev.weft.future.Future)}, or
     * {@code "unnamed"}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * {@code "waiting"} (for a wake), {@code "queued"}, {@code "running"} or {@code "finishing"}.
     *
     * @return the state when the dump was taken
     */
    public String state() {
        return state;
    }

    /**
     * How long ago the task's last poll ended; known for named tasks only.
     *
     * @return the duration, or empty for an unnamed task
     */
    public Optional<Duration> sinceLastPoll() {
        return Optional.ofNullable(sinceLastPoll);
    }

    /**
     * Where the task was spawned, when the runtime was built with
     * {@link WeftRuntime.Builder#recordSpawnSites()}.
     *
     * @return the spawning stack, or empty
     */
    public Optional<StackTraceElement[]> spawnedAt() {
        return Optional.ofNullable(spawnedAt == null ? null : spawnedAt.clone());
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name).append(" [").append(state).append(']');
        if (sinceLastPoll != null) {
            b.append(", last polled ").append(sinceLastPoll.toMillis()).append(" ms ago");
        }
        if (spawnedAt != null && spawnedAt.length > 0) {
            b.append(", spawned at ").append(spawnedAt[0]);
        }
        return b.toString();
    }
}
