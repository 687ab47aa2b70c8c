package dev.weft.internal.scheduler.multithread;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.internal.task.Task;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The LIFO slot: a worker wakes task B while task A sits in its LIFO slot, so A moves to the local
 * queue, where another worker may steal it at that moment. B runs next on the owner (the slot is
 * owner-only and never stolen), and A is taken exactly once by one of the two.
 * r1: 1 if the owner's next task was B; r2, r3: times A and B were taken.
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "B ran next from the slot; A taken once")
@Outcome(expect = FORBIDDEN, desc = "the slot was bypassed, or a task lost or taken twice")
@State
public class LifoSlotRacesSteal {
    final Task<?>[] tasks = QueueProbes.tasks(2);
    final Worker owner = new Worker(QueueProbes.NO_WORKERS, 0, 8, 0);
    final LocalQueue thief = new LocalQueue(8);
    final QueueProbes.Takes byOwner = new QueueProbes.Takes(tasks);
    final QueueProbes.Takes byThief = new QueueProbes.Takes(tasks);

    {
        owner.scheduleLocal(tasks[0]); // A is in the LIFO slot
    }

    @Actor
    public void owner(III_Result r) {
        owner.scheduleLocal(tasks[1]); // B takes the slot, A goes to the local queue
        Task<?> next = owner.nextTask();
        r.r1 = next == tasks[1] ? 1 : 0;
        byOwner.take(next);
    }

    @Actor
    public void stealer() {
        byThief.stealAll(owner.local, thief);
    }

    @Arbiter
    public void check(III_Result r) {
        for (Task<?> t = owner.nextTask(); t != null; t = owner.nextTask()) {
            byOwner.take(t);
        }
        r.r2 = QueueProbes.Takes.count(0, byOwner, byThief);
        r.r3 = QueueProbes.Takes.count(1, byOwner, byThief);
    }
}
