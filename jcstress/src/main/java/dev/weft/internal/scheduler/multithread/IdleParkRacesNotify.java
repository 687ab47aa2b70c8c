package dev.weft.internal.scheduler.multithread;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Idle protocols 1 and 2, the store-load race tokio once lost a wakeup to: a producer publishes a
 * task and asks whom to notify, while the last searching worker parks and re-checks the queues.
 * Either the producer notifies the worker, or the parking worker finds the task.
 * r1: the worker the producer notifies (-1 for none); r2: 1 if the last searcher saw the task,
 * 0 if it did not, -1 if it was not the last searcher.
 */
@JCStressTest
@Outcome(id = "0, 1", expect = ACCEPTABLE_INTERESTING, desc = "both: notified, and the worker saw the task")
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "the producer notified the parked worker")
@Outcome(id = "-1, 1", expect = ACCEPTABLE, desc = "a searcher existed, and as the last one it found the task")
@Outcome(id = "-1, 0", expect = FORBIDDEN, desc = "lost wakeup: the task is queued and every worker sleeps")
@Outcome(expect = FORBIDDEN, desc = "impossible bookkeeping")
@State
public class IdleParkRacesNotify {
    final Idle idle = new Idle(2);
    volatile int queued;

    {
        // Worker 1 is parked; worker 0 is searching for work.
        idle.transitionWorkerToParked(1, false);
        if (!idle.transitionWorkerToSearching()) {
            throw new AssertionError("setup: worker 0 may not search");
        }
    }

    @Actor
    public void producer(II_Result r) {
        queued = 1;
        r.r1 = idle.workerToNotify() == -1 ? -1 : 0;
    }

    @Actor
    public void parkingWorker(II_Result r) {
        boolean last = idle.transitionWorkerToParked(0, true);
        r.r2 = last ? queued : -1;
    }
}
