package dev.weft.internal.scheduler.multithread;

import dev.weft.internal.scheduler.RuntimeThreads;

/** A worker's thread; the type lets schedule() find the current worker without a ThreadLocal. */
final class WorkerThread extends Thread implements RuntimeThreads.RuntimeThread {
    final Worker worker;

    WorkerThread(Worker worker, String name) {
        super(worker, name);
        this.worker = worker;
        setDaemon(true);
    }

    @Override
    public Object runtime() {
        return worker.shared.facade;
    }
}
