package dev.weft.internal.driver.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The wheel against a brute-force model: every entry fires exactly once, when due, never early. */
class TimerWheelTest {

    @Test
    void firesAtTheDeadlineAndNotBefore() {
        TimerWheel w = new TimerWheel();
        TimerEntry e = new TimerEntry();
        assertTrue(w.insert(e, 100));
        List<TimerEntry> due = new ArrayList<>();
        w.advance(99, due);
        assertTrue(due.isEmpty());
        assertEquals(100, w.nextExpiration());
        w.advance(100, due);
        assertEquals(List.of(e), due);
        assertEquals(0, w.size());
    }

    @Test
    void refusesDeadlinesThatAlreadyPassed() {
        TimerWheel w = new TimerWheel();
        w.advance(50, new ArrayList<>());
        assertFalse(w.insert(new TimerEntry(), 50));
        assertFalse(w.insert(new TimerEntry(), 10));
        assertEquals(0, w.size());
    }

    @Test
    void removedEntriesNeverFire() {
        TimerWheel w = new TimerWheel();
        TimerEntry a = new TimerEntry();
        TimerEntry b = new TimerEntry();
        w.insert(a, 5_000);
        w.insert(b, 5_000);
        w.remove(a);
        w.remove(a); // idempotent
        List<TimerEntry> due = new ArrayList<>();
        w.advance(10_000, due);
        assertEquals(List.of(b), due);
    }

    @Test
    void deadlinesBeyondTheTopLevelStillFireOnTime() {
        TimerWheel w = new TimerWheel();
        TimerEntry far = new TimerEntry();
        long deadline = TimerWheel.MAX_SPAN * 3 + 12_345;
        w.insert(far, deadline);
        List<TimerEntry> due = new ArrayList<>();
        long now = 0;
        while (due.isEmpty()) {
            long next = w.nextExpiration();
            assertTrue(next <= deadline, "never schedules past the deadline");
            now = next;
            w.advance(now, due);
        }
        assertEquals(deadline, now);
    }

    @Test
    void randomizedAgainstAModel() {
        Random rnd = new Random(42);
        for (int round = 0; round < 200; round++) {
            TimerWheel w = new TimerWheel();
            List<TimerEntry> entries = new ArrayList<>();
            List<Long> deadlines = new ArrayList<>();
            Set<TimerEntry> removed = new HashSet<>();
            Set<TimerEntry> fired = new HashSet<>();
            long now = 0;
            for (int step = 0; step < 300; step++) {
                int op = rnd.nextInt(10);
                if (op < 5) {
                    int kind = rnd.nextInt(20);
                    long span = kind == 0 ? TimerWheel.MAX_SPAN + rnd.nextInt(1 << 30) // overflow list
                            : kind < 5 ? rnd.nextInt(1 << 24) : rnd.nextInt(200);
                    long d = now + 1 + span;
                    TimerEntry e = new TimerEntry();
                    assertTrue(w.insert(e, d));
                    entries.add(e);
                    deadlines.add(d);
                } else if (op < 6 && !entries.isEmpty()) {
                    TimerEntry e = entries.get(rnd.nextInt(entries.size()));
                    if (!fired.contains(e)) {
                        w.remove(e);
                        removed.add(e);
                    }
                } else {
                    int kind = rnd.nextInt(40);
                    long to = now + (kind == 0 ? TimerWheel.MAX_SPAN / 2 + rnd.nextInt(1 << 30) // cross windows
                            : kind < 8 ? rnd.nextInt(1 << 22) : rnd.nextInt(100));
                    List<TimerEntry> due = new ArrayList<>();
                    w.advance(to, due);
                    long last = Long.MIN_VALUE;
                    for (TimerEntry e : due) {
                        long d = deadlines.get(entries.indexOf(e));
                        assertTrue(d <= to, "fired early");
                        assertTrue(d > now, "fired late: was due by the previous advance");
                        assertFalse(removed.contains(e), "a removed entry fired");
                        assertTrue(fired.add(e), "fired twice");
                        last = Math.max(last, d);
                    }
                    now = to;
                }
            }
            List<TimerEntry> due = new ArrayList<>();
            w.advance(now + 4 * TimerWheel.MAX_SPAN, due);
            fired.addAll(due);
            for (TimerEntry e : entries) {
                assertTrue(fired.contains(e) != removed.contains(e), "every entry fires xor is removed");
            }
            assertEquals(0, w.size());
        }
    }
}
