package dev.weft.future;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * FutureSet's ready queue (Vyukov's intrusive MPSC queue, under joinAll and race): two members are
 * woken from another thread while the owner drains the set. A member whose wake the owner's drain
 * missed (the queue looks empty while the producer is between its swap of the tail and its link)
 * must have woken the owner, and is found by the owner's next poll. (Two actors: jcstress runs
 * no more actors than the machine has cores.) r1: members the racing drain completed; r2: 1 if
 * the owner's waker was woken; r3: members a later drain completed.
 */
@JCStressTest
@Outcome(id = "2, [01], 0", expect = ACCEPTABLE, desc = "the racing drain got both")
@Outcome(id = "[01], 1, [12]", expect = ACCEPTABLE, desc = "the drain missed some; the owner was woken and got them next")
@Outcome(id = "[01], 0, .*", expect = FORBIDDEN, desc = "lost wakeup: a woken member waits with its owner asleep")
@Outcome(expect = FORBIDDEN, desc = "a member completed twice or never")
@State
public class FutureSetWakesRacePoll {
    /** Pending until its flag is set; keeps the waker of the poll that saw it unset. */
    static final class Member implements Future<Integer> {
        volatile int flag;
        volatile Waker waker;

        @Override
        public Poll<Integer> poll(Context cx) {
            waker = cx.waker();
            return flag == 1 ? Poll.ready(1) : Poll.pending();
        }

        void complete() {
            flag = 1;
            waker.wake();
        }
    }

    final FutureSet<Integer> set = new FutureSet<>();
    final Member a = new Member();
    final Member b = new Member();
    final AtomicInteger ownerWakes = new AtomicInteger();
    final Context owner = Context.of(ownerWakes::incrementAndGet);

    {
        set.add(a);
        set.add(b);
        if (set.pollNext(owner).isReady()) { // both polled once: pending, wakers registered
            throw new AssertionError("setup: a member was ready");
        }
        ownerWakes.set(0);
    }

    @Actor
    public void producer() {
        a.complete();
        b.complete();
    }

    @Actor
    public void ownerDrains(III_Result r) {
        r.r1 = drain();
    }

    @Arbiter
    public void check(III_Result r) {
        r.r2 = ownerWakes.get() > 0 ? 1 : 0;
        r.r3 = drain();
    }

    private int drain() {
        int n = 0;
        while (!set.isEmpty()) {
            Poll<FutureSet.Completion<Integer>> p = set.pollNext(owner);
            if (p.isPending()) {
                break;
            }
            n++;
        }
        return n;
    }
}
