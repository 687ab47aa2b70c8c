package dev.weft.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.weft.runtime.WeftRuntime;
import dev.weft.testing.NoUndeliverableErrors;
import dev.weft.testing.Race;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Members completed from two other threads while the owner drains the set: the intrusive MPSC
 * queue's half-done pushes, the fresh list and the register-then-check path all race. A lost
 * wake hangs the round, caught by the timeout; a double poll trips the gate's own check.
 */
@ExtendWith(NoUndeliverableErrors.class)
class FutureSetStressTest {

    /** Completes once opened; fails loudly if polled after it returned ready. */
    static final class Gate implements Future<Integer> {
        final AtomicWaker waker = new AtomicWaker();
        final int value;
        volatile boolean open;
        boolean done;

        Gate(int value) {
            this.value = value;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            if (done) {
                throw new AssertionError("member polled after it completed");
            }
            waker.register(cx.waker());
            if (open) {
                done = true;
                return Poll.ready(value);
            }
            return Poll.pending();
        }

        void open() {
            open = true;
            waker.wake();
        }
    }

    @Test
    void membersCompletedFromOtherThreadsAreAllDelivered() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            try (WeftRuntime rt = WeftRuntime.builder().currentThread().build()) {
                for (int round = 0; round < 3_000; round++) {
                    List<Gate> gates = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        gates.add(new Gate(i));
                    }
                    Thread owner = new Thread(() -> {
                        List<Integer> all = rt.blockOn(Futures.joinAll(gates));
                        int sum = 0;
                        for (int v : all) {
                            sum += v;
                        }
                        if (sum != 40 * 39 / 2) {
                            throw new AssertionError("sum " + sum);
                        }
                    });
                    owner.start();
                    Race.run(() -> {
                        for (int i = 0; i < 40; i += 2) {
                            gates.get(i).open();
                        }
                    }, () -> {
                        for (int i = 1; i < 40; i += 2) {
                            gates.get(i).open();
                        }
                    });
                    owner.join();
                }
            }
        });
    }

    @Test
    void aRaceOfManyMembersDeliversExactlyOneWinner() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
                for (int round = 0; round < 3_000; round++) {
                    List<Gate> gates = new ArrayList<>();
                    for (int i = 0; i < 16; i++) {
                        gates.add(new Gate(i));
                    }
                    var handle = rt.spawn(Futures.race(gates));
                    Race.run(() -> gates.get(3).open(), () -> gates.get(11).open());
                    int winner = rt.blockOn(handle);
                    assertEquals(true, winner == 3 || winner == 11, "winner " + winner);
                }
            }
        });
    }
}
