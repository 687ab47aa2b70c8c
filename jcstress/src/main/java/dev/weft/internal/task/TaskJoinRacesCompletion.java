package dev.weft.internal.task;

import static dev.weft.internal.task.Probes.PENDING;
import static dev.weft.internal.task.Probes.VALUE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.future.Context;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Task protocol 4: a JoinHandle is polled while the task completes. The joiner either reads the
 * value, or its waker is registered in time and woken exactly once.
 * r1: what the handle's poll returned; r2: wakes of the joiner's waker.
 */
@JCStressTest
@Outcome(id = VALUE + ", 0", expect = ACCEPTABLE, desc = "completed first: the join read the value")
@Outcome(id = PENDING + ", 1", expect = ACCEPTABLE, desc = "joined first: the completion woke the joiner")
@Outcome(id = PENDING + ", 0", expect = FORBIDDEN, desc = "lost wakeup: the joiner waits forever")
@Outcome(expect = FORBIDDEN, desc = "woken twice, or woken after reading the value")
@State
public class TaskJoinRacesCompletion {
    final Probes.CountingScheduler scheduler = new Probes.CountingScheduler();
    final Task<Integer> task = new Task<>(new Probes.ProbeFuture(1), scheduler);
    final Probes.CountingWaker joiner = new Probes.CountingWaker();

    @Actor
    public void worker() {
        task.run();
    }

    @Actor
    public void join(II_Result r) {
        r.r1 = task.poll(Context.of(joiner)).isReady() ? VALUE : PENDING;
    }

    @Arbiter
    public void check(II_Result r) {
        r.r2 = joiner.wakes.get();
    }
}
