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
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * AtomicWaker rules 1 and 2: a poller registers its waker and then checks for the event, while a
 * producer publishes the event and wakes. The poller sees the event or its waker is woken; either
 * way the slot ends WAITING. r1: the poller saw the event; r2: wakes; r3: the final state word.
 */
@JCStressTest
@Outcome(id = "1, 0, " + WAITING, expect = ACCEPTABLE, desc = "the event was visible to the poller's check")
@Outcome(id = "0, 1, " + WAITING, expect = ACCEPTABLE, desc = "the wake reached the registered waker")
@Outcome(id = "1, 1, " + WAITING, expect = ACCEPTABLE_INTERESTING, desc = "both: a harmless extra wake")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "lost wakeup")
@Outcome(expect = FORBIDDEN, desc = "the slot was left locked")
@State
public class AtomicWakerRegisterRacesWake {
    final AtomicWaker slot = new AtomicWaker();
    final AtomicInteger wakes = new AtomicInteger();
    final Waker waker = wakes::incrementAndGet;
    volatile int event;

    @Actor
    public void poller(III_Result r) {
        slot.register(waker);
        r.r1 = event;
    }

    @Actor
    public void producer() {
        event = 1;
        slot.wake();
    }

    @Arbiter
    public void check(III_Result r) {
        r.r2 = wakes.get();
        r.r3 = slot.state();
    }
}
