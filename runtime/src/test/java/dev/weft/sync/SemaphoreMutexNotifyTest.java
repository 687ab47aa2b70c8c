package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Future;
import dev.weft.testing.MockTask;
import org.junit.jupiter.api.Test;

class SemaphoreMutexNotifyTest {
    @Test
    void semaphoreServesWaitersInOrderAndALargeRequestIsNotStarved() {
        AsyncSemaphore s = new AsyncSemaphore(1);
        MockTask.of(s.acquire()).pollReady();
        MockTask<Void> big = MockTask.of(s.acquire(2));
        big.pollPending();
        MockTask<Void> small = MockTask.of(s.acquire());
        small.pollPending();
        assertFalse(s.tryAcquire(), "a waiter is queued, so tryAcquire does not barge");
        s.release();
        assertFalse(big.isWoken(), "one permit does not cover the head's two");
        assertFalse(small.isWoken(), "the small request waits behind the head");
        s.release();
        assertTrue(big.isWoken());
        big.pollReady();
        s.release(2);
        assertTrue(small.isWoken());
        small.pollReady();
        assertEquals(1, s.availablePermits());
    }

    @Test
    void cancelledWaiterGivesBackPermitsItWasGrantedButNeverSaw() {
        AsyncSemaphore s = new AsyncSemaphore(0);
        Future<Void> first = s.acquire();
        MockTask<Void> firstTask = MockTask.of(first);
        firstTask.pollPending();
        MockTask<Void> second = MockTask.of(s.acquire());
        second.pollPending();
        s.release(); // granted to `first`
        assertTrue(firstTask.isWoken());
        first.cancel(); // ...which never completes: the permit passes on
        assertTrue(second.isWoken());
        second.pollReady();
        assertEquals(0, s.availablePermits());
    }

    @Test
    void cancellingTheHeadLetsSmallerRequestsBehindItIn() {
        AsyncSemaphore s = new AsyncSemaphore(1);
        Future<Void> big = s.acquire(5);
        MockTask.of(big).pollPending();
        MockTask<Void> small = MockTask.of(s.acquire());
        small.pollPending();
        big.cancel();
        assertTrue(small.isWoken());
        small.pollReady();
        assertEquals(0, s.queuedAcquires());
    }

    @Test
    void closedSemaphoreFailsWaitersAndLaterAcquires() {
        AsyncSemaphore s = new AsyncSemaphore(0);
        MockTask<Void> w = MockTask.of(s.acquire());
        w.pollPending();
        s.close();
        assertTrue(w.isWoken());
        assertThrows(IllegalStateException.class, w::poll);
        assertThrows(IllegalStateException.class, s::tryAcquire);
    }

    @Test
    void semaphoreBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new AsyncSemaphore(-1));
        AsyncSemaphore s = new AsyncSemaphore(1);
        assertThrows(IllegalArgumentException.class, () -> s.acquire(0));
        assertThrows(IllegalArgumentException.class, () -> s.tryAcquire(-2));
        assertThrows(IllegalArgumentException.class, () -> s.release(0));
        s.release(Integer.MAX_VALUE);
        MockTask<Void> t = MockTask.of(s.acquire());
        t.pollReady();
        assertThrows(IllegalStateException.class, t::poll, "polled after it completed");
    }

    @Test
    void mutexHandsTheLockToTheLongestWaiter() {
        AsyncMutex m = new AsyncMutex();
        AsyncMutex.Guard g1 = MockTask.of(m.lock()).pollReady();
        assertTrue(m.isLocked());
        assertNull(m.tryLock());
        MockTask<AsyncMutex.Guard> second = MockTask.of(m.lock());
        second.pollPending();
        MockTask<AsyncMutex.Guard> third = MockTask.of(m.lock());
        third.pollPending();
        g1.close();
        assertThrows(IllegalStateException.class, g1::close, "a guard releases once");
        assertTrue(second.isWoken());
        assertFalse(third.isWoken());
        second.pollReady().close();
        assertTrue(third.isWoken());
        third.pollReady().close();
        assertFalse(m.isLocked());
        try (AsyncMutex.Guard g = m.tryLock()) {
            assertTrue(m.isLocked());
            assertSame(g, g);
        }
        assertFalse(m.isLocked());
    }

    @Test
    void aCancelledWaiterNeverSwallowsTheLock() {
        AsyncMutex m = new AsyncMutex();
        AsyncMutex.Guard g = m.tryLock();
        Future<AsyncMutex.Guard> cancelled = m.lock();
        MockTask.of(cancelled).pollPending();
        MockTask<AsyncMutex.Guard> next = MockTask.of(m.lock());
        next.pollPending();
        g.close(); // hands the lock to `cancelled`...
        cancelled.cancel(); // ...which gives it up before seeing it
        assertTrue(next.isWoken());
        next.pollReady().close();
        assertFalse(m.isLocked());
    }

    @Test
    void notifyOneWakesTheLongestWaiterOrStoresOnePermit() {
        Notify n = new Notify();
        MockTask<Void> a = MockTask.of(n.notified());
        a.pollPending();
        MockTask<Void> b = MockTask.of(n.notified());
        b.pollPending();
        n.notifyOne();
        assertTrue(a.isWoken());
        assertFalse(b.isWoken());
        a.pollReady();
        b.pollPending();
        assertEquals(1, n.waiting());

        Notify idle = new Notify();
        idle.notifyOne();
        idle.notifyOne(); // permits do not accumulate
        MockTask.of(idle.notified()).pollReady();
        MockTask.of(idle.notified()).pollPending();
    }

    @Test
    void notifyWaitersCompletesEveryFutureCreatedBeforeItPolledOrNot() {
        Notify n = new Notify();
        MockTask<Void> polled = MockTask.of(n.notified());
        polled.pollPending();
        Future<Void> notYetPolled = n.notified();
        n.notifyWaiters();
        assertTrue(polled.isWoken());
        polled.pollReady();
        MockTask.of(notYetPolled).pollReady();
        MockTask.of(n.notified()).pollPending(); // no permit stored
    }

    @Test
    void aCancelledChosenWaiterPassesTheNotificationOn() {
        Notify n = new Notify();
        Future<Void> chosen = n.notified();
        MockTask.of(chosen).pollPending();
        MockTask<Void> next = MockTask.of(n.notified());
        next.pollPending();
        n.notifyOne();
        chosen.cancel();
        assertTrue(next.isWoken());
        next.pollReady();
        assertEquals(0, n.waiting());
    }

    @Test
    void cancelledNotifiedLeavesNoEntry() {
        Notify n = new Notify();
        Future<Void> f = n.notified();
        MockTask.of(f).pollPending();
        f.cancel();
        assertEquals(0, n.waiting());
        n.notifyOne();
        MockTask.of(n.notified()).pollReady(); // the permit was stored, not lost on the cancelled one
    }
}
