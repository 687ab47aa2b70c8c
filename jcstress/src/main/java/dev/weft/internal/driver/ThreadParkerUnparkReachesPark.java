package dev.weft.internal.driver;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * The park/unpark protocol: an unpark() at any moment relative to park() (before it, during the
 * spin, while it blocks) makes that park return. A worker that stays parked with work queued for
 * it would be a hung runtime.
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "park returned")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost unpark: the worker sleeps forever")
@State
public class ThreadParkerUnparkReachesPark {
    final ThreadParker parker = new ThreadParker(0);

    @Actor
    public void worker() {
        parker.bind(Thread.currentThread());
        parker.park();
    }

    @Signal
    public void waker() {
        parker.unpark();
    }
}
