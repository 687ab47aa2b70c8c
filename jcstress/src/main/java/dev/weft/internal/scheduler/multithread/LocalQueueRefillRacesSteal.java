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
 * LocalQueue protocols 1 and 4 for a refill: the owner moves a batch from the injector into its
 * queue, wrapping past the end of the ring, while another worker steals. The stealer sees a
 * refilled task only with its slot written, and every task is found exactly once.
 * r1..r3: how many times each of three tasks was taken.
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "each task taken once")
@Outcome(expect = FORBIDDEN, desc = "a task lost, duplicated or read from an unwritten slot")
@State
public class LocalQueueRefillRacesSteal {
    final Task<?>[] tasks = QueueProbes.tasks(4);
    final LocalQueue queue = new LocalQueue(4);
    final LocalQueue thief = new LocalQueue(4);
    final Injector injector = new Injector();
    final QueueProbes.Takes byThief = new QueueProbes.Takes(tasks);

    {
        for (int i = 0; i < 3; i++) { // positions at 3: the refill writes slots 0 and 1 after the wrap
            queue.pushBack(tasks[3], injector);
            queue.pop();
        }
        queue.pushBack(tasks[0], injector);
        injector.pushBatch(new Task<?>[] {tasks[1], tasks[2]});
    }

    @Actor
    public void owner() {
        queue.refillFrom(injector, 2);
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
