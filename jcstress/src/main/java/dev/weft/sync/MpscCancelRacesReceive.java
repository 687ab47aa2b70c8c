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
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * A send waiting for room in a full bounded channel is cancelled while the receiver frees that
 * room (which admits the waiting send). The value is delivered exactly when the send was admitted,
 * never twice, and no room stays reserved for the cancelled send.
 * r1: times the first item was received; r2: times the waiting item was received; r3: 1 if the
 * send was admitted (granted); r4: 1 if a later trySend found room.
 */
@JCStressTest
@Outcome(id = "1, 1, 1, 1", expect = ACCEPTABLE, desc = "admitted before the cancel: delivered, as a completed send")
@Outcome(id = "1, 0, 0, 1", expect = ACCEPTABLE, desc = "cancelled first: withdrawn, the caller keeps the value")
@Outcome(expect = FORBIDDEN, desc = "a value lost or doubled, or capacity leaked")
@State
public class MpscCancelRacesReceive {
    final Mpsc<String> channel = Mpsc.bounded(1);
    final Mpsc.Sender<String> sender = channel.sender();
    final Mpsc.Receiver<String> receiver = channel.receiver();
    final Future<Void> send;
    String first;

    {
        sender.trySend("a");
        send = sender.send("b");
        if (send.poll(Context.of(() -> {})).isReady()) {
            throw new AssertionError("setup: sent into a full channel");
        }
    }

    @Actor
    public void receiver() {
        first = receiver.tryReceive();
    }

    @Actor
    public void canceller() {
        send.cancel();
    }

    @Arbiter
    public void check(IIII_Result r) {
        int a = "a".equals(first) ? 1 : 0;
        int b = 0;
        for (String s = receiver.tryReceive(); s != null; s = receiver.tryReceive()) {
            if (s.equals("a")) {
                a++;
            } else if (s.equals("b")) {
                b++;
            }
        }
        r.r1 = a;
        r.r2 = b;
        r.r3 = ((Mpsc.SendWaiter<?>) send).granted ? 1 : 0;
        r.r4 = sender.trySend("c") ? 1 : 0;
    }
}
