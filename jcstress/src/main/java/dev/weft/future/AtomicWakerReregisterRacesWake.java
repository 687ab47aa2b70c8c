package dev.weft.future;

import static dev.weft.future.AtomicWaker.WAITING;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * AtomicWaker rule 3: the task moved (a new waker replaces an old one) while a wake is in
 * progress. The wake must reach the new waker unless the poller saw the event itself; waking only
 * the old one would strand the task. r1: the poller saw the event; r2: wakes of the new waker;
 * r3: wakes of the old one; r4: the final state word.
 */
@JCStressTest
@Outcome(id = "1, 0, [01], " + WAITING, expect = ACCEPTABLE, desc = "the poller saw the event")
@Outcome(id = "0, 1, [01], " + WAITING, expect = ACCEPTABLE, desc = "the new waker was woken")
@Outcome(id = "1, 1, [01], " + WAITING, expect = ACCEPTABLE_INTERESTING, desc = "both: a harmless extra wake")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "lost wakeup: only the stale waker heard it")
@Outcome(expect = FORBIDDEN, desc = "the slot was left locked, or a waker woken twice")
@State
public class AtomicWakerReregisterRacesWake {
    final AtomicWaker slot = new AtomicWaker();
    final AtomicInteger oldWakes = new AtomicInteger();
    final AtomicInteger newWakes = new AtomicInteger();
    final Waker newWaker = newWakes::incrementAndGet;
    volatile int event;

    {
        slot.register(oldWakes::incrementAndGet);
    }

    @Actor
    public void poller(IIII_Result r) {
        slot.register(newWaker);
        r.r1 = event;
    }

    @Actor
    public void producer() {
        event = 1;
        slot.wake();
    }

    @Arbiter
    public void check(IIII_Result r) {
        r.r2 = newWakes.get();
        r.r3 = oldWakes.get();
        r.r4 = slot.state();
    }
}
