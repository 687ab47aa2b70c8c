package dev.weft.runtime;

import java.util.Arrays;
import java.util.Locale;

/**
 * A snapshot of a runtime's counters and queue depths, from {@link WeftRuntime#metrics()}.
 *
 * <p>Each number is read without stopping the runtime, so each is current but they are not taken
 * at one instant (a task may be counted as queued in one and as polled in another). Counters only
 * grow; compare two snapshots for rates.
 *
 * <p><strong>Thread safety:</strong> immutable.
 */
public final class RuntimeMetrics {
    private final int workers;
    private final long tasksSpawned;
    private final int tasksWaiting;
    private final long polls;
    private final long steals;
    private final long parks;
    private final int globalQueueDepth;
    private final int[] localQueueDepths;
    private final int timers;
    private final int registeredSockets;

    RuntimeMetrics(int workers, long tasksSpawned, int tasksWaiting, long polls, long steals, long parks,
            int globalQueueDepth, int[] localQueueDepths, int timers, int registeredSockets) {
        this.workers = workers;
        this.tasksSpawned = tasksSpawned;
        this.tasksWaiting = tasksWaiting;
        this.polls = polls;
        this.steals = steals;
        this.parks = parks;
        this.globalQueueDepth = globalQueueDepth;
        this.localQueueDepths = localQueueDepths.clone();
        this.timers = timers;
        this.registeredSockets = registeredSockets;
    }

    /**
     * The executor's worker count (1 for the current-thread and foreign-executor flavours).
     *
     * @return the number of workers
     */
    public int workers() {
        return workers;
    }

    /**
     * Tasks spawned since the runtime started (spawn and spawnBlocking).
     *
     * @return the count
     */
    public long tasksSpawned() {
        return tasksSpawned;
    }

    /**
     * Tasks that returned pending and wait for a wake (neither queued nor being polled).
     *
     * @return the count
     */
    public int tasksWaiting() {
        return tasksWaiting;
    }

    /**
     * Tasks queued to be polled: the global queue plus every local queue.
     *
     * @return the count
     */
    public int tasksQueued() {
        int n = globalQueueDepth;
        for (int d : localQueueDepths) {
            n += d;
        }
        return n;
    }

    /**
     * Tasks alive: waiting or queued (a task being polled at this instant is in neither).
     *
     * @return the count
     */
    public int tasksAlive() {
        return tasksWaiting + tasksQueued();
    }

    /**
     * Task polls since the runtime started.
     *
     * @return the count
     */
    public long polls() {
        return polls;
    }

    /**
     * Successful steals from another worker's queue (multi-thread executor).
     *
     * @return the count
     */
    public long steals() {
        return steals;
    }

    /**
     * Times a worker (or the current-thread core) went to sleep for want of work.
     *
     * @return the count
     */
    public long parks() {
        return parks;
    }

    /**
     * Tasks in the global (injection) queue, or handed to the foreign executor and not yet started.
     *
     * @return the depth
     */
    public int globalQueueDepth() {
        return globalQueueDepth;
    }

    /**
     * Each worker's local queue depth (its LIFO slot included).
     *
     * @return a copy of the depths, one per worker (empty for the foreign-executor flavour)
     */
    public int[] localQueueDepths() {
        return localQueueDepths.clone();
    }

    /**
     * Timers registered on the timing wheel (sleeps, timeouts, intervals waiting).
     *
     * @return the count
     */
    public int timers() {
        return timers;
    }

    /**
     * Sockets registered with the runtime's selector.
     *
     * @return the count
     */
    public int registeredSockets() {
        return registeredSockets;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "RuntimeMetrics[workers=%d, spawned=%d, alive=%d (waiting=%d, queued=%d: global=%d, local=%s), "
                        + "polls=%d, steals=%d, parks=%d, timers=%d, sockets=%d]",
                workers, tasksSpawned, tasksAlive(), tasksWaiting, tasksQueued(), globalQueueDepth,
                Arrays.toString(localQueueDepths), polls, steals, parks, timers, registeredSockets);
    }
}
