package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Waker;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.Streams;
import dev.weft.testing.CountingWaker;
import dev.weft.testing.NoUndeliverableErrors;
import dev.weft.testing.Race;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Repeated races for the channels and the semaphore: each iteration starts two actions together
 * on two threads (Race) or runs many tasks on a two-worker runtime, then checks that no value,
 * permit or notification was lost or duplicated.
 */
@ExtendWith(NoUndeliverableErrors.class)
class SyncStressTest {
    private static final int RACES = 2_000;

    static <T> T await(WeftRuntime rt, Future<T> f) {
        return rt.blockOn(Time.timeout(f, Duration.ofSeconds(60)));
    }

    static Future<Void> sendRange(Mpsc.Sender<Integer> tx, int from, int to) {
        if (from == to) {
            tx.close();
            return Futures.ready(null);
        }
        return Futures.flatMap(tx.send(from), v -> sendRange(tx, from + 1, to));
    }

    @Test
    void manyProducersThroughATinyBoundedChannelLoseAndDuplicateNothing() {
        int producers = 8;
        int each = 20_000;
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            for (int capacity : new int[] {1, 3}) {
                Mpsc<Integer> ch = Mpsc.bounded(capacity);
                List<Mpsc.Sender<Integer>> txs = new ArrayList<>();
                txs.add(ch.sender());
                for (int p = 1; p < producers; p++) {
                    txs.add(ch.sender().duplicate());
                }
                JoinHandle<List<Integer>> consumer = rt.spawn(Streams.collect(ch.receiver()));
                for (int p = 0; p < producers; p++) {
                    rt.spawn(sendRange(txs.get(p), p * each, (p + 1) * each));
                }
                List<Integer> got = await(rt, consumer);
                assertEquals(producers * each, got.size());
                int[] lastOf = new int[producers];
                java.util.Arrays.fill(lastOf, -1);
                boolean[] seen = new boolean[producers * each];
                for (int v : got) {
                    assertFalse(seen[v], "duplicate " + v);
                    seen[v] = true;
                    int p = v / each;
                    assertTrue(v > lastOf[p], "producer " + p + " out of order at " + v);
                    lastOf[p] = v;
                }
            }
        }
    }

    @Test
    void cancelRacingAdmissionNeverLosesRoomNorDuplicatesTheValue() {
        for (int i = 0; i < RACES; i++) {
            Mpsc<Integer> ch = Mpsc.bounded(1);
            ch.sender().trySend(1);
            Future<Void> waiting = ch.sender().send(2);
            waiting.poll(Context.of(new CountingWaker())); // queued: the channel is full
            List<Integer> got = new ArrayList<>();
            Race.run(waiting::cancel, () -> got.add(ch.receiver().tryReceive()));
            for (Integer v; (v = ch.receiver().tryReceive()) != null; ) {
                got.add(v);
            }
            assertEquals(1, got.get(0));
            assertTrue(got.size() <= 2 && (got.size() == 1 || got.get(1) == 2), "got " + got);
            // The room is whole again: exactly `capacity` sends fit.
            assertTrue(ch.sender().trySend(3), "room leaked after " + got);
            assertFalse(ch.sender().trySend(4));
        }
    }

    @Test
    void receiverCloseRacingSendEitherDeliversOrGivesTheValueBack() {
        for (int i = 0; i < RACES; i++) {
            Mpsc<Integer> ch = Mpsc.bounded(4);
            boolean[] sent = new boolean[1];
            Integer[] returned = new Integer[1];
            Race.run(() -> ch.receiver().close(), () -> {
                try {
                    sent[0] = ch.sender().trySend(42);
                } catch (ChannelClosedException e) {
                    returned[0] = e.unsentValue();
                }
            });
            Integer received = ch.receiver().tryReceive();
            if (sent[0]) {
                assertEquals(42, received, "a send that succeeded before the close is still received");
                assertNull(returned[0]);
            } else {
                assertEquals(42, returned[0], "a send after the close gives its value back");
                assertNull(received);
            }
            assertTrue(ch.receiver().isEnded() || ch.receiver().tryReceive() == null);
        }
    }

    @Test
    void semaphoreCancelRacingReleaseKeepsEveryPermit() {
        for (int i = 0; i < RACES; i++) {
            AsyncSemaphore s = new AsyncSemaphore(0);
            Future<Void> waiter = s.acquire();
            CountingWaker w = new CountingWaker();
            waiter.poll(Context.of(w));
            Race.run(waiter::cancel, s::release);
            assertEquals(1, s.availablePermits(), "the permit went to a cancelled waiter and stayed there");
            assertEquals(0, s.queuedAcquires());
        }
    }

    @Test
    void notifyOneRacingCancelOfTheChosenWaiterLosesNoNotification() {
        for (int i = 0; i < RACES; i++) {
            Notify n = new Notify();
            Future<Void> first = n.notified();
            first.poll(Context.of(Waker.noop()));
            Future<Void> second = n.notified();
            CountingWaker w2 = new CountingWaker();
            second.poll(Context.of(w2));
            Race.run(n::notifyOne, first::cancel);
            // Whether `first` was chosen before or after its cancel, the notification now belongs
            // to `second`.
            assertTrue(w2.isWoken(), "notification lost at iteration " + i);
            assertTrue(second.poll(Context.of(w2)).isReady());
        }
    }

    @Test
    void mutexExcludesAcrossAwaitsWhileSomeWaitersAreCancelled() {
        int tasks = 8;
        int rounds = 2_000;
        AsyncMutex m = new AsyncMutex();
        int[] counter = new int[1]; // guarded by m alone
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            List<JoinHandle<Void>> hs = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                hs.add(rt.spawn(lockLoop(m, counter, inside, cancelled, rounds)));
            }
            await(rt, Futures.joinAll(hs));
        }
        assertEquals(tasks * rounds - cancelled.get(), counter[0]);
        assertFalse(m.isLocked(), "a cancelled waiter swallowed the lock");
        assertTrue(cancelled.get() > 0, "the test should cancel some lock waits");
    }

    /** Each round: lock (or give up racing a yield), then increment across an await. */
    static Future<Void> lockLoop(AsyncMutex m, int[] counter, AtomicInteger inside, AtomicInteger cancelled, int left) {
        if (left == 0) {
            return Futures.ready(null);
        }
        Future<AsyncMutex.Guard> lock = m.lock();
        Future<Object> attempt = left % 3 == 0
                ? Futures.race(Futures.map(lock, g -> (Object) g), Futures.map(Futures.yieldNow(), v -> (Object) "gave up"))
                : Futures.map(lock, g -> (Object) g);
        return Futures.flatMap(attempt, r -> {
            if (!(r instanceof AsyncMutex.Guard)) {
                cancelled.incrementAndGet();
                return lockLoop(m, counter, inside, cancelled, left - 1);
            }
            AsyncMutex.Guard g = (AsyncMutex.Guard) r;
            assertEquals(1, inside.incrementAndGet(), "two holders at once");
            int before = counter[0];
            return Futures.flatMap(Futures.yieldNow(), v -> {
                counter[0] = before + 1;
                inside.decrementAndGet();
                g.close();
                return lockLoop(m, counter, inside, cancelled, left - 1);
            });
        });
    }
}
