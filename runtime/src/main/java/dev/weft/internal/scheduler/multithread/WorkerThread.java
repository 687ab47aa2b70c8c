package dev.weft.internal.scheduler.multithread;

import dev.weft.internal.driver.RuntimeContext;

/** A worker's thread; the type lets schedule() find the current worker without a ThreadLocal. */
final class WorkerThread extends Thread implements RuntimeContext.Owner {
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
}
