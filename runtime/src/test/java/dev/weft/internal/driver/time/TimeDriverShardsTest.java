package dev.weft.internal.driver.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Waker;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The driver's shards: a worker registers in its own, any thread cancels or fires in any. */
class TimeDriverShardsTest {
    private static final long MS = 1_000_000L;

    /** A thread that owns shard `index` of one driver, as a multi-thread runtime's worker does. */
    private static final class Owner extends Thread implements TimeDriver.ShardOwner {
        private final TimeDriver driver;
        private final int index;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Owner(TimeDriver driver, int index, Runnable body) {
            super(body, "timer-shard-owner-" + index);
            this.driver = driver;
            this.index = index;
            setDaemon(true);
            setUncaughtExceptionHandler((t, e) -> failure.set(e));
        }

        @Override
        public int timerShard(TimeDriver d) {
            return d == driver ? index : -1;
        }
    }

    private static void runOn(TimeDriver d, int index, Runnable body) throws InterruptedException {
        Owner t = new Owner(d, index, body);
        t.start();
        join(t);
    }

    private static void join(Owner t) throws InterruptedException {
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(t.isAlive(), t.getName() + " did not finish");
        if (t.failure.get() != null) {
            throw new AssertionError(t.getName() + " failed", t.failure.get());
        }
    }

    @Test
    void eachOwnerRegistersInItsShardAndAnyThreadCancelsOrFiresAcrossThem() throws Exception {
        Clock.Paused clock = Clock.paused();
        TimeDriver d = new TimeDriver(clock, 3);
        AtomicInteger earlier = new AtomicInteger();
        d.setOnEarlierDeadline(earlier::incrementAndGet);
        TimerEntry a = new TimerEntry();
        TimerEntry stolen = new TimerEntry();
        TimerEntry b = new TimerEntry();
        TimerEntry outside = new TimerEntry();
        runOn(d, 0, () -> {
            assertTrue(d.register(a, 30 * MS));
            assertTrue(d.register(stolen, 10 * MS));
        });
        runOn(d, 1, () -> assertTrue(d.register(b, 20 * MS)));
        assertTrue(d.register(outside, 40 * MS)); // this thread owns no shard: the shared one
        assertEquals(List.of(0, 0, 1, 2), List.of(a.shard, stolen.shard, b.shard, outside.shard));
        assertEquals(4, earlier.get(), "every registration that lowers its shard's earliest deadline notifies");
        assertTrue(d.hasTimers());

        runOn(d, 1, () -> d.cancel(stolen)); // its task moved to another worker
        assertEquals(3, d.size(), "the cancel removed the entry from the shard it was registered in");
        clock.advance(25 * MS);
        assertEquals(1, d.fireDue(), "a thread that owns no shard fires the others' due timers");
        assertTrue(b.isFired());
        assertFalse(stolen.isFired());
        clock.advance(20 * MS);
        assertEquals(2, d.fireDue());
        assertTrue(a.isFired() && outside.isFired());
        assertEquals(0, d.size());
        assertFalse(d.hasTimers());
    }

    @Test
    void anOwnerOfAnotherDriverUsesTheSharedShard() throws Exception {
        TimeDriver mine = new TimeDriver(Clock.paused(), 2);
        TimeDriver other = new TimeDriver(Clock.paused(), 2);
        TimerEntry e = new TimerEntry();
        runOn(other, 0, () -> assertTrue(mine.register(e, 5 * MS)));
        assertEquals(1, e.shard);
    }

    /** Records each wake of one entry, and whether the clock had reached its deadline then. */
    private static final class Witness implements Waker {
        final Clock clock;
        final long deadline;
        final AtomicInteger wakes = new AtomicInteger();
        volatile boolean early;

        Witness(Clock clock, long deadline) {
            this.clock = clock;
            this.deadline = deadline;
        }

        @Override
        public void wake() {
            wakes.incrementAndGet();
            if (clock.nanoTime() < deadline) {
                early = true;
            }
        }
    }

    private static final class Registration {
        final TimerEntry entry = new TimerEntry();
        Witness witness;
        boolean registered;
        volatile boolean cancelled;
    }

    /**
     * Two owners register timers in their shards while this thread moves the clock and fires; a
     * third of each owner's timers are cancelled, half of those by the other owner (a stolen
     * task). Nothing registered and not cancelled may be lost, nothing may fire early, and the
     * shards must end empty. With cancel taking the calling thread's shard instead of the
     * entry's, round 3 failed (a shard's count went negative); with fireDue taking only the
     * caller's shard, round 0 did.
     */
    @Test
    void concurrentRegistrationsCancelsAndFiresLoseNothingAndFireNothingEarly() throws Exception {
        for (int round = 0; round < 300; round++) {
            Clock.Paused clock = Clock.paused();
            TimeDriver d = new TimeDriver(clock, 3);
            int perOwner = 200;
            List<List<Registration>> all = List.of(new ArrayList<>(), new ArrayList<>());
            List<ConcurrentLinkedQueue<Registration>> handedOver = List.of(new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>());
            CountDownLatch registered = new CountDownLatch(2);
            Owner[] owners = new Owner[2];
            for (int o = 0; o < 2; o++) {
                int me = o;
                long seed = round * 2L + o;
                owners[o] = new Owner(d, o, () -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    for (int i = 0; i < perOwner; i++) {
                        Registration r = new Registration();
                        long deadline = clock.nanoTime() + (1 + rnd.nextInt(50)) * MS + rnd.nextInt((int) MS);
                        r.witness = new Witness(clock, deadline);
                        r.entry.setWakerBeforeRegistering(r.witness);
                        r.registered = d.register(r.entry, deadline);
                        all.get(me).add(r);
                        if (r.registered && i % 3 == 0) {
                            if (i % 2 == 0) {
                                r.cancelled = true;
                                d.cancel(r.entry);
                            } else {
                                handedOver.get(1 - me).add(r);
                            }
                        }
                        cancelHandedOver(d, handedOver.get(me));
                    }
                    registered.countDown();
                    try {
                        assertTrue(registered.await(30, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    cancelHandedOver(d, handedOver.get(me));
                });
            }
            for (Owner t : owners) {
                t.start();
            }
            while (owners[0].isAlive() || owners[1].isAlive()) {
                clock.advance(MS / 4);
                d.fireDue();
            }
            for (Owner t : owners) {
                join(t);
            }
            clock.advance(100 * MS);
            d.fireDue();
            assertEquals(0, d.size(), "round " + round + ": every shard ends empty");
            assertFalse(d.hasTimers(), "round " + round);
            for (List<Registration> mine : all) {
                for (Registration r : mine) {
                    int wakes = r.witness.wakes.get();
                    assertFalse(r.witness.early, "round " + round + ": a timer fired before its deadline");
                    if (!r.registered) {
                        assertEquals(0, wakes, "round " + round + ": a refused registration fired");
                    } else if (r.cancelled) {
                        assertTrue(wakes <= 1, "round " + round);
                    } else {
                        assertEquals(1, wakes, "round " + round + ": a registered timer was lost");
                    }
                }
            }
        }
    }

    private static void cancelHandedOver(TimeDriver d, ConcurrentLinkedQueue<Registration> queue) {
        for (Registration r = queue.poll(); r != null; r = queue.poll()) {
            r.cancelled = true;
            d.cancel(r.entry);
            r.entry.clearWaker();
        }
    }

    @Test
    void aDriverNeedsAShard() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TimeDriver(Clock.paused(), 0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }
}
