package dev.weft.internal.scheduler;

/** What an executor reports for WeftRuntime.metrics(); filled in by RuntimeScheduler.counters. */
public final class SchedulerCounters {
    /** Tasks offered to RuntimeScheduler.spawn, refused ones included. */
    public long spawned;
    public long polls;
    public long steals;
    public long parks;
    public int globalQueueDepth;
    public int[] localQueueDepths = new int[0];
}
