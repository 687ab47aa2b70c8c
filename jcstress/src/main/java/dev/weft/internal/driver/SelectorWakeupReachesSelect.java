package dev.weft.internal.driver;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.internal.driver.io.IoDriver;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * IoDriver's wakeup coalescing, the way an idle worker sleeps in Selector.select: the sleeper
 * marks itself selecting, checks its parker, then selects; a waker unparks the parker, then calls
 * wakeup(), which skips the system call while nobody selects. Whatever the interleaving, the
 * sleeper either sees the unpark or is woken out of select.
 */
@JCStressTest(Mode.Termination)
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the sleeper saw the unpark, or select was woken")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wakeup: a worker sleeps in select with work for it")
@State
public class SelectorWakeupReachesSelect {
    /**
     * One selector for the whole run (termination tests run one instance at a time), so the run
     * does not open a selector per instance; each instance first drains a stale wakeup.
     */
    static final IoDriver IO = new IoDriver();

    final ThreadParker parker = new ThreadParker(0);

    {
        IO.prepareSelect();
        IO.select(0); // consume a Selector.wakeup() left over from the previous instance
    }

    @Actor
    public void sleeper() {
        IO.prepareSelect();
        if (parker.tryConsume()) {
            IO.skipSelect();
        } else {
            IO.select(-1);
        }
    }

    @Signal
    public void waker() {
        parker.unpark();
        IO.wakeup();
    }
}
