package dev.weft.internal.scheduler.multithread;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.internal.scheduler.Injector;
import dev.weft.internal.task.Task;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * LocalQueue protocols 1, 2 and 4: the owner pushes into a full queue (moving half of it to the
 * injector) while another worker steals. The owner never overwrites a slot the stealer is still
 * copying, and every task is found exactly once, in the queue, the thief's queue or the injector.
 * r1..r3: how many times each of three tasks was taken.
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "each task taken once")
@Outcome(expect = FORBIDDEN, desc = "a task lost or duplicated by the overflow")
@State
public class LocalQueueOverflowRacesSteal {
    final Task<?>[] tasks = QueueProbes.tasks(3);
    final LocalQueue queue = new LocalQueue(2);
    final LocalQueue thief = new LocalQueue(2);
    final Injector injector = new Injector();
    final QueueProbes.Takes byThief = new QueueProbes.Takes(tasks);

    {
        queue.pushBack(tasks[0], injector);
        queue.pushBack(tasks[1], injector); // full
    }

    @Actor
    public void owner() {
        queue.pushBack(tasks[2], injector);
    }

    @Actor
    public void stealer() {
        byThief.stealAll(queue, thief);
    }

    @Arbiter
    public void check(III_Result r) {
        byThief.countWithLeftovers(queue, injector, r);
    }
}
