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
 * LocalQueue protocols 3 and 4: the owner pops while another worker steals half. Every task comes
 * out exactly once: none lost, none run twice. r1..r3: how many times each of three tasks was taken.
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "each task taken once")
@Outcome(expect = FORBIDDEN, desc = "a task lost or taken twice")
@State
public class LocalQueuePopRacesSteal {
    final Task<?>[] tasks = QueueProbes.tasks(3);
    final LocalQueue queue = new LocalQueue(4);
    final LocalQueue thief = new LocalQueue(4);
    final QueueProbes.Takes byOwner = new QueueProbes.Takes(tasks);
    final QueueProbes.Takes byThief = new QueueProbes.Takes(tasks);

    {
        Injector unused = new Injector();
        for (Task<?> t : tasks) {
            queue.pushBack(t, unused);
        }
    }

    @Actor
    public void owner() {
        byOwner.take(queue.pop());
        byOwner.take(queue.pop());
    }

    @Actor
    public void stealer() {
        byThief.stealAll(queue, thief);
    }

    @Arbiter
    public void check(III_Result r) {
        byOwner.drain(queue);
        r.r1 = QueueProbes.Takes.count(0, byOwner, byThief);
        r.r2 = QueueProbes.Takes.count(1, byOwner, byThief);
        r.r3 = QueueProbes.Takes.count(2, byOwner, byThief);
    }
}
