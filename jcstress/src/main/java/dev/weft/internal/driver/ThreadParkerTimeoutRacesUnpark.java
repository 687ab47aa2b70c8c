package dev.weft.internal.driver;

import static dev.weft.internal.driver.ThreadParker.EMPTY;
import static dev.weft.internal.driver.ThreadParker.NOTIFIED;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A timed park (an idle worker waiting for its next timer) races an unpark. The notification is
 * either consumed by that park or left for the next one; it is never dropped, and the state never
 * stays PARKED after the park returned. r1: the state word afterwards; r2: 1 if a following park
 * would return at once (a pending notification was kept).
 */
@JCStressTest
@Outcome(id = EMPTY + ", 0", expect = ACCEPTABLE, desc = "the park consumed the notification")
@Outcome(id = NOTIFIED + ", 1", expect = ACCEPTABLE, desc = "the park timed out first; the notification waits for the next park")
@Outcome(expect = FORBIDDEN, desc = "left PARKED, or a notification lost")
@State
public class ThreadParkerTimeoutRacesUnpark {
    final ThreadParker parker = new ThreadParker(0);

    @Actor
    public void worker() {
        parker.bind(Thread.currentThread());
        parker.parkNanos(1_000);
    }

    @Actor
    public void waker() {
        parker.unpark();
    }

    @Arbiter
    public void check(II_Result r) {
        r.r1 = parker.state();
        r.r2 = parker.tryConsume() ? 1 : 0;
    }
}
