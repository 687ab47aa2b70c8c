package dev.weft.internal.driver.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimeDriverTest {

    @Test
    void cancelRemovesTheEntryAndRegisteringEarlierNotifiesTheScheduler() {
        Clock.Paused clock = Clock.paused();
        TimeDriver d = new TimeDriver(clock);
        AtomicInteger earlier = new AtomicInteger();
        d.setOnEarlierDeadline(earlier::incrementAndGet);
        TimerEntry late = new TimerEntry();
        TimerEntry early = new TimerEntry();
        assertTrue(d.register(late, 50_000_000L));
        assertTrue(d.register(early, 10_000_000L));
        assertTrue(d.register(new TimerEntry(), 30_000_000L));
        assertEquals(2, earlier.get(), "only registrations that move the earliest deadline notify");
        assertEquals(3, d.size());
        d.cancel(late);
        assertEquals(2, d.size());
        clock.advance(60_000_000L);
        assertEquals(2, d.fireDue());
        assertTrue(early.isFired());
        assertFalse(late.isFired());
        assertEquals(0, d.size());
    }

    @Test
    void deadlinesRoundUpSoNothingFiresEarly() {
        Clock.Paused clock = Clock.paused();
        TimeDriver d = new TimeDriver(clock);
        TimerEntry e = new TimerEntry();
        assertTrue(d.register(e, 1_000_001L)); // 1 ms and 1 ns: due at tick 2
        clock.advance(1_999_999L);
        assertEquals(0, d.fireDue());
        clock.advance(1L);
        assertEquals(1, d.fireDue());
        assertFalse(d.register(new TimerEntry(), 2_000_000L), "a deadline already passed is refused");
    }

    @Test
    void aSaturatedDeadlineStaysInTheFutureWhenTheClockReadsNegative() {
        // System.nanoTime() may be negative (its origin is arbitrary); the driver's origin then
        // is too, and Long.MAX_VALUE (where a very long sleep saturates) minus it overflows.
        Clock.Paused clock = Clock.paused();
        clock.advance(-1_000_000_000_000L);
        TimeDriver d = new TimeDriver(clock);
        TimerEntry forever = new TimerEntry();
        assertTrue(d.register(forever, Long.MAX_VALUE), "a saturated deadline is in the future, not the past");
        clock.advance(3_600_000_000_000L);
        assertEquals(0, d.fireDue());
        assertFalse(forever.isFired());
        assertEquals(1, d.size());
        assertFalse(d.register(new TimerEntry(), Long.MIN_VALUE), "a deadline before the origin has passed");
    }

    @Test
    void aDeadlinePassedSinceTheWheelLastMovedIsRegisteredAndFiresAtTheNextRound() {
        // register() reads no clock: the wheel's own time decides what has passed.
        Clock.Paused clock = Clock.paused();
        TimeDriver d = new TimeDriver(clock);
        AtomicInteger earlier = new AtomicInteger();
        d.setOnEarlierDeadline(earlier::incrementAndGet);
        clock.advance(50_000_000L); // nothing was due, so the wheel is still at 0
        TimerEntry late = new TimerEntry();
        assertTrue(d.register(late, 10_000_000L));
        assertEquals(1, earlier.get(), "the thread sleeping in the driver is told");
        assertEquals(0, d.nanosUntilNextDeadline(), "due at once");
        assertEquals(1, d.fireDue());
        assertTrue(late.isFired());
        assertFalse(d.register(new TimerEntry(), 10_000_000L), "the wheel has reached 50 ms now: refused");
    }
}
