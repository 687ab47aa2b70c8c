package dev.weft.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testing.CountingWaker;
import dev.weft.testing.Race;
import org.junit.jupiter.api.Test;

class AtomicWakerTest {

    @Test
    void wakeWakesTheRegisteredWakerOnce() {
        AtomicWaker slot = new AtomicWaker();
        CountingWaker w = new CountingWaker();
        slot.register(w);
        slot.wake();
        slot.wake();
        assertEquals(1, w.count());
    }

    @Test
    void registerReplacesTheEarlierWaker() {
        AtomicWaker slot = new AtomicWaker();
        CountingWaker first = new CountingWaker();
        CountingWaker second = new CountingWaker();
        slot.register(first);
        slot.register(second);
        slot.wake();
        assertEquals(0, first.count());
        assertEquals(1, second.count());
    }

    @Test
    void takeHandsTheWakerOverWithoutWaking() {
        AtomicWaker slot = new AtomicWaker();
        CountingWaker w = new CountingWaker();
        slot.register(w);
        assertSame(w, slot.take());
        assertNull(slot.take());
        assertEquals(0, w.count());
    }

    /**
     * The property users rely on: register-then-check against publish-then-wake never loses the
     * event, whichever order the two threads interleave in. Run many thousands of races.
     */
    @Test
    void registerRacingWakeNeverLosesTheEvent() {
        for (int i = 0; i < 20_000; i++) {
            AtomicWaker slot = new AtomicWaker();
            CountingWaker w = new CountingWaker();
            boolean[] seen = new boolean[1];
            java.util.concurrent.atomic.AtomicBoolean event = new java.util.concurrent.atomic.AtomicBoolean();
            Race.run(() -> {
                slot.register(w);
                seen[0] = event.get();
            }, () -> {
                event.set(true);
                slot.wake();
            });
            assertTrue(seen[0] || w.count() > 0, "iteration " + i + ": the event was neither seen nor woken");
        }
    }
}
