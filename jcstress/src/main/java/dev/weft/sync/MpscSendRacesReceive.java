package dev.weft.sync;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The receive fast path: a receiver polls an empty channel while a sender sends. The receiver gets
 * the item, or its waker is registered in time and woken once. r1: 1 if the poll returned the
 * item; r2: wakes of the receiver's waker.
 */
@JCStressTest
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "sent first: received at once")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "polled first: the send woke the receiver")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost wakeup: the item sits in the channel, the receiver sleeps")
@Outcome(expect = FORBIDDEN, desc = "woken although it already had the item")
@State
public class MpscSendRacesReceive {
    final Mpsc<String> channel = Mpsc.bounded(1);
    final Mpsc.Sender<String> sender = channel.sender();
    final Mpsc.Receiver<String> receiver = channel.receiver();
    final AtomicInteger wakes = new AtomicInteger();

    @Actor
    public void receiver(II_Result r) {
        Poll<String> p = receiver.pollNext(Context.of(wakes::incrementAndGet));
        r.r1 = p.isReady() && "x".equals(p.value()) ? 1 : 0;
    }

    @Actor
    public void sender() {
        sender.trySend("x");
    }

    @Arbiter
    public void check(II_Result r) {
        r.r2 = wakes.get();
    }
}
