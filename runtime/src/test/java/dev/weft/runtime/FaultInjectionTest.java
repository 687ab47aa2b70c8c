package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.sync.Mpsc;
import dev.weft.sync.Notify;
import dev.weft.testing.CountingWaker;
import dev.weft.testing.NoUndeliverableErrors;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10's fault injection inside the runtime: a poll, a cancel hook or a waker that throws.
 * Each error reaches the task or the hook exactly once, nothing else is lost, and the runtime
 * keeps working. (Throwing subscribers and publishers: adapters-reactivestreams' FaultInjectionTest;
 * a throwing cancel hook: WeftRuntimeTest.aCancelHookThatThrowsReachesTheHookExactlyOnce.)
 */
@ExtendWith(NoUndeliverableErrors.class)
class FaultInjectionTest {
    static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Boom(String what) {
            super(what);
        }
    }

    /** A waker that throws on every wake, counting the attempts. */
    static final class ThrowingWaker implements Waker {
        final AtomicInteger attempts = new AtomicInteger();
        final Boom error = new Boom("waker failed");

        @Override
        public void wake() {
            attempts.incrementAndGet();
            throw error;
        }
    }

    @Test
    void aPollThatThrowsFailsOnlyItsTaskWithThatException() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            Boom boom = new Boom("poll failed");
            for (int i = 0; i < 100; i++) {
                JoinHandle<Integer> failing = rt.spawn(Futures.<Integer>pollFn(cx -> {
                    throw boom;
                }));
                assertSame(boom, assertThrows(Boom.class, () -> rt.blockOn(failing)));
                assertEquals(Integer.valueOf(i), rt.blockOn(rt.spawn(Futures.ready(i))), "the runtime keeps working");
            }
            assertEquals(List.of(), NoUndeliverableErrors.take(), "the task got the error, so the hook does not");
        }
    }

    @Test
    void aThrowingWakerDoesNotStrandTheOtherWaiters() {
        Notify notify = new Notify();
        ThrowingWaker bad = new ThrowingWaker();
        CountingWaker first = new CountingWaker();
        CountingWaker last = new CountingWaker();
        List<Future<Void>> waiters = List.of(notify.notified(), notify.notified(), notify.notified());
        assertTrue(waiters.get(0).poll(Context.of(first)).isPending());
        assertTrue(waiters.get(1).poll(Context.of(bad)).isPending());
        assertTrue(waiters.get(2).poll(Context.of(last)).isPending());

        notify.notifyWaiters(); // must not throw: the notifier did nothing wrong

        assertEquals(1, first.count());
        assertEquals(1, last.count(), "the waiter after the broken one was woken");
        assertEquals(1, bad.attempts.get());
        assertEquals(List.of(bad.error), NoUndeliverableErrors.take());
    }

    @Test
    void aSendToAReceiverWithAThrowingWakerIsDeliveredAndDoesNotThrow() {
        Mpsc<String> ch = Mpsc.bounded(1);
        ThrowingWaker bad = new ThrowingWaker();
        assertTrue(ch.receiver().pollNext(Context.of(bad)).isPending());
        assertTrue(ch.sender().trySend("item"), "the send succeeded; the waker's failure is not the sender's");
        assertEquals("item", ch.receiver().tryReceive());
        assertEquals(List.of(bad.error), NoUndeliverableErrors.take());
    }

    @Test
    void aTimerWhoseWakerThrowsDoesNotStopTheWheel() {
        try (WeftRuntime rt = WeftRuntime.builder().currentThread().pausedClock().build()) {
            ThrowingWaker bad = new ThrowingWaker();
            CountingWaker good = new CountingWaker();
            // Both sleeps expire at the same instant, so the wheel fires them in one batch.
            Future<Void> badSleep = Time.sleep(Duration.ofMillis(10));
            Future<Void> goodSleep = Time.sleep(Duration.ofMillis(10));
            rt.blockOn(Futures.lazy(() -> {
                assertTrue(badSleep.poll(Context.of(bad)).isPending());
                assertTrue(goodSleep.poll(Context.of(good)).isPending());
                return null;
            }));
            rt.advanceTime(Duration.ofMillis(10));
            rt.blockOn(Futures.yieldNow()); // let the driver fire the expired batch
            assertEquals(1, good.count(), "the other timer in the batch fired");
            assertEquals(1, bad.attempts.get());
            assertEquals(List.of(bad.error), NoUndeliverableErrors.take());
            // and the runtime's timers keep working
            JoinHandle<Integer> later = rt.spawn(Futures.map(Time.sleep(Duration.ofMillis(5)), v -> 7));
            rt.blockOn(Futures.yieldNow()); // the task registers its timer
            rt.advanceTime(Duration.ofMillis(5));
            assertEquals(Integer.valueOf(7), rt.blockOn(later));
        }
    }

    @Test
    void aJoinerWhoseWakerThrowsLeavesTheTaskCompleted() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(1).build()) {
            Notify go = new Notify();
            JoinHandle<Integer> task = rt.spawn(Futures.map(go.notified(), v -> 5));
            ThrowingWaker bad = new ThrowingWaker();
            assertTrue(task.poll(Context.of(bad)).isPending());
            go.notifyOne();
            assertEquals(Integer.valueOf(5), rt.blockOn(Futures.<Integer>pollFn(cx -> task.isFinished() ? task.poll(cx) : pendingAfterYield(cx))));
            assertEquals(1, bad.attempts.get());
            assertEquals(List.of(bad.error), NoUndeliverableErrors.take());
        }
    }

    /** Pending, and asks to be polled again soon (a spin through the scheduler, not a sleep). */
    private static <T> Poll<T> pendingAfterYield(Context cx) {
        cx.waker().wake();
        return Poll.pending();
    }
}
