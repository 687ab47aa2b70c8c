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
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A queued acquire is cancelled while a release grants it its permit. The permit is never lost: a
 * grant the cancelled waiter never observed goes back to the semaphore. r1: permits available
 * afterwards; r2: acquirers still queued; r3: the waiter's FairPermits state.
 */
@JCStressTest
@Outcome(id = "1, 0, " + FairPermits.DONE, expect = ACCEPTABLE, desc = "the permit is free again and the waiter is gone")
@Outcome(expect = FORBIDDEN, desc = "a permit swallowed by a cancelled waiter, or a waiter left queued")
@State
public class SemaphoreCancelRacesRelease {
    final AsyncSemaphore semaphore = new AsyncSemaphore(0);
    final Future<Void> acquire = semaphore.acquire();

    {
        if (acquire.poll(Context.of(() -> {})).isReady()) {
            throw new AssertionError("setup: acquired with no permits");
        }
    }

    @Actor
    public void releaser() {
        semaphore.release();
    }

    @Actor
    public void canceller() {
        acquire.cancel();
    }

    @Arbiter
    public void check(III_Result r) {
        r.r1 = (int) semaphore.availablePermits();
        r.r2 = semaphore.queuedAcquires();
        r.r3 = ((FairPermits.Acquire) acquire).state;
    }
}
