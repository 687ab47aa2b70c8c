package dev.weft.internal.scheduler.multithread;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.internal.scheduler.Injector;
import dev.weft.internal.task.Task;
import java.util.List;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Shutdown closes the injector while another thread spawns into it. A push that succeeded hands
 * its task to close(), which cancels it; a refused push lets the spawner cancel it. No task is
 * stranded in a closed queue. r1: 1 if the push succeeded; r2: 1 if close() returned the task.
 */
@JCStressTest
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "pushed first; close() took it to cancel")
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "closed first; the push was refused")
@Outcome(expect = FORBIDDEN, desc = "stranded: accepted but never handed to shutdown")
@State
public class InjectorCloseRacesPush {
    final Task<?> task = QueueProbes.tasks(1)[0];
    final Injector injector = new Injector();
    List<Task<?>> closed;

    @Actor
    public void spawner(II_Result r) {
        r.r1 = injector.push(task) ? 1 : 0;
    }

    @Actor
    public void shutdown() {
        closed = injector.close();
    }

    @Arbiter
    public void check(II_Result r) {
        r.r2 = closed.contains(task) ? 1 : 0;
    }
}
