package dev.weft.internal.task;

import static dev.weft.internal.task.Probes.CANCELLED_OUTCOME;
import static dev.weft.internal.task.Task.CANCELLED;
import static dev.weft.internal.task.Task.COMPLETE;
import static dev.weft.internal.task.Task.NOTIFIED;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * Task protocol 5: shutdown cancels a task while a worker is about to poll it (it was woken and
 * queued). The future is cancelled exactly once, never while it is being polled, and the task
 * ends cancelled. r1: join outcome; r2: cancel calls; r3: 1 if a cancel overlapped a poll;
 * r4: the state word.
 */
@JCStressTest
@Outcome(id = CANCELLED_OUTCOME + ", 1, 0, " + (COMPLETE | CANCELLED), expect = ACCEPTABLE,
        desc = "cancelled once, by the worker after its poll")
@Outcome(id = CANCELLED_OUTCOME + ", 1, 0, " + (NOTIFIED | COMPLETE | CANCELLED), expect = ACCEPTABLE,
        desc = "cancelled once, by shutdown before the worker claimed it; NOTIFIED stays set and the stale queue entry is skipped")
@Outcome(expect = FORBIDDEN, desc = "cancelled twice or never, cancelled during a poll, or not completed")
@State
public class TaskShutdownRacesPoll {
    final Probes.CountingScheduler scheduler = new Probes.CountingScheduler();
    final Probes.ProbeFuture future = new Probes.ProbeFuture(Integer.MAX_VALUE);
    final Task<Integer> task = Probes.idleTask(future, scheduler);

    {
        task.wake();
    }

    @Actor
    public void worker() {
        task.run();
    }

    @Actor
    public void shutdown() {
        task.cancelForShutdown();
    }

    @Arbiter
    public void check(IIII_Result r) {
        task.run(); // a worker that stopped after the race would not run it; a stale queue entry is harmless
        r.r1 = Probes.joinOutcome(task);
        r.r2 = future.cancels.get();
        r.r3 = future.overlapped ? 1 : 0;
        r.r4 = task.state();
    }
}
