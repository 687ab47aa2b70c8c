package dev.weft.internal.task;

import static dev.weft.internal.task.Probes.CANCELLED_OUTCOME;
import static dev.weft.internal.task.Probes.VALUE;
import static dev.weft.internal.task.Task.COMPLETE;
import static dev.weft.internal.task.Task.CANCELLED;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Task protocol 3: abort() races the poll that completes the task. Exactly one outcome: the value
 * (the future is not cancelled) or CancellationException (the future is cancelled exactly once).
 * r1: the join outcome; r2: the future's cancel calls; r3: the state word.
 */
@JCStressTest
@Outcome(id = VALUE + ", 0, " + COMPLETE, expect = ACCEPTABLE, desc = "completion won; abort came too late")
@Outcome(id = VALUE + ", 0, " + (COMPLETE | CANCELLED), expect = ACCEPTABLE, desc = "abort landed during the poll that returned ready: ready wins")
@Outcome(id = CANCELLED_OUTCOME + ", 1, " + (COMPLETE | CANCELLED), expect = ACCEPTABLE, desc = "abort won; the future was cancelled once")
@Outcome(expect = FORBIDDEN, desc = "two outcomes, none, or a cancel hook run the wrong number of times")
@State
public class TaskAbortRacesCompletion {
    final Probes.CountingScheduler scheduler = new Probes.CountingScheduler();
    final Probes.ProbeFuture future = new Probes.ProbeFuture(2);
    final Task<Integer> task = Probes.idleTask(future, scheduler);

    {
        task.wake(); // queued for the poll that completes it
    }

    @Actor
    public void worker() {
        task.run();
    }

    @Actor
    public void aborter() {
        task.abort();
    }

    @Arbiter
    public void check(III_Result r) {
        r.r1 = Probes.joinOutcome(task);
        r.r2 = future.cancels.get();
        r.r3 = task.state();
    }
}
