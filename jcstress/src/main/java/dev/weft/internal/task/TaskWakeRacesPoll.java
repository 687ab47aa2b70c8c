package dev.weft.internal.task;

import static dev.weft.internal.task.Probes.IDLE;
import static dev.weft.internal.task.Task.NOTIFIED;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Task protocol 2, the no-lost-wakeup rule: an event is published and the task woken while a
 * worker polls it. Either that poll saw the event, or the task is queued to be polled again.
 * r1: times the task was resubmitted; r2: 1 if the poll saw the event; r3: the state word.
 */
@JCStressTest
@Outcome(id = "0, 1, " + IDLE, expect = ACCEPTABLE, desc = "woken before the poll started: the poll saw the event")
@Outcome(id = "1, 0, " + NOTIFIED, expect = ACCEPTABLE, desc = "woken during or after the poll: queued again")
@Outcome(id = "1, 1, " + NOTIFIED, expect = ACCEPTABLE_INTERESTING, desc = "poll saw the event and was queued again (a harmless extra poll)")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "lost wakeup: the poll missed the event and nothing will poll again")
@Outcome(expect = FORBIDDEN, desc = "wrong state word")
@State
public class TaskWakeRacesPoll {
    final Probes.CountingScheduler scheduler = new Probes.CountingScheduler();
    final Probes.ProbeFuture future = new Probes.ProbeFuture(Integer.MAX_VALUE);
    final Task<Integer> task = new Task<>(future, scheduler); // spawned: NOTIFIED, in a queue

    @Actor
    public void worker() {
        task.run();
    }

    @Actor
    public void producer() {
        future.event = 1;
        task.wake();
    }

    @Arbiter
    public void check(III_Result r) {
        r.r1 = scheduler.scheduled.get() + scheduler.yielded.get();
        r.r2 = future.sawEvent;
        r.r3 = task.state();
    }
}
