package dev.weft.internal.scheduler.multithread;

import dev.weft.internal.driver.RuntimeContext;
import dev.weft.internal.driver.time.TimeDriver;

/**
 * A worker's thread; the type lets schedule() find the current worker without a ThreadLocal, and
 * the time driver find the worker's timer shard.
 */
final class WorkerThread extends Thread implements RuntimeContext.Owner, TimeDriver.ShardOwner {
    final Worker worker;

    WorkerThread(Worker worker, String name) {
        super(worker, name);
        this.worker = worker;
        setDaemon(true);
    }

    @Override
    public RuntimeContext runtimeContext() {
        return worker.shared.context;
    }

    /** The worker's own shard of its runtime's timers (the runtime made one per worker). */
    @Override
    public int timerShard(TimeDriver driver) {
        return driver == worker.shared.time ? worker.index : -1;
    }
}
