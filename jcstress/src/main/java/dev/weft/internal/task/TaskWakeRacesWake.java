package dev.weft.internal.task;

import static dev.weft.internal.task.Task.NOTIFIED;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Task protocol 1: two threads wake the same idle task. Exactly one of them submits it, so a task
 * is never in two run queues (which would let two workers poll it).
 */
@JCStressTest
@Outcome(id = "1, " + NOTIFIED, expect = ACCEPTABLE, desc = "submitted once, left NOTIFIED")
@Outcome(expect = FORBIDDEN, desc = "submitted twice or never, or a wrong state word")
@State
public class TaskWakeRacesWake {
    final Probes.CountingScheduler scheduler = new Probes.CountingScheduler();
    final Task<Integer> task = Probes.idleTask(new Probes.ProbeFuture(2), scheduler);

    @Actor
    public void waker1() {
        task.wake();
    }

    @Actor
    public void waker2() {
        task.wake();
    }

    @Arbiter
    public void check(II_Result r) {
        r.r1 = scheduler.scheduled.get();
        r.r2 = task.state();
    }
}
