package dev.weft.sync;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.future.Context;
import dev.weft.future.Future;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * notifyOne() picks a waiter while that waiter is cancelled. The notification is not swallowed: a
 * cancelled waiter that was chosen passes it on, so the next waiter (here, one that arrives later)
 * is notified. r1: 1 if a new waiter completes at once; r2: waiters left queued.
 */
@JCStressTest
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the notification reached the next waiter")
@Outcome(expect = FORBIDDEN, desc = "the notification was lost with the cancelled waiter")
@State
public class NotifyOneRacesCancel {
    final Notify notify = new Notify();
    final Future<Void> waiter = notify.notified();

    {
        if (waiter.poll(Context.of(() -> {})).isReady()) {
            throw new AssertionError("setup: notified with no notification");
        }
    }

    @Actor
    public void notifier() {
        notify.notifyOne();
    }

    @Actor
    public void canceller() {
        waiter.cancel();
    }

    @Arbiter
    public void check(II_Result r) {
        r.r1 = notify.notified().poll(Context.of(() -> {})).isReady() ? 1 : 0;
        r.r2 = notify.waiting();
    }
}
