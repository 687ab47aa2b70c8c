package dev.weft.internal.driver.time;

import java.util.List;

/**
 * A hierarchical timing wheel with 1 ms ticks: 6 levels of 64 slots cover about 2.2 years (tokio's
 * layout). Insert and remove are O(1); finding the next deadline is O(levels) with one bitmap per
 * level. Not thread-safe: the TimeDriver guards it.
 */
final class TimerWheel {
    /*
     * Implementation notes:
     *
     * `elapsed` is the wheel's time: every entry whose deadline <= elapsed has been handed out.
     * An entry with deadline d goes to the level of the highest bit in which d and elapsed differ
     * (6 bits a level), in slot (d >> 6*level) & 63. So level 0 holds the deadlines of the current
     * 64 ms window, level 1 those of the current 4,096 ms window beyond it, and so on, and every
     * entry of a lower level is due before every entry of a higher one: the earliest deadline is
     * in the lowest occupied level. An entry's slot is always ahead of elapsed's slot at its
     * level when inserted (the differing bit makes it larger), and advance() moves elapsed only
     * to the start of the earliest occupied slot, so no occupied slot is ever skipped.
     *
     * advance(now) repeatedly takes the earliest occupied slot whose start is <= now, moves
     * elapsed there, hands out the entries due by now, and re-inserts the others, which land on a
     * lower level (cascading).
     *
     * Deadlines past the end of the current top-level window (2^36 ms, about 2.2 years) wait in
     * an overflow list (level LEVELS, slot 0). Placing them in the wheel would need a level the
     * wheel lacks or alias a slot that is already behind; instead, when the wheel reaches the next
     * window, the overflow list is the next expiration and its entries are inserted anew.
     */

    static final int LEVELS = 6;
    static final int SLOT_BITS = 6;
    static final int SLOTS = 1 << SLOT_BITS;
    /** The span of the top level's window; later deadlines wait in the overflow list. */
    static final long MAX_SPAN = 1L << (LEVELS * SLOT_BITS);
    /** The pseudo-level of the overflow list. */
    private static final int OVERFLOW = LEVELS;

    private final TimerEntry[][] heads = new TimerEntry[LEVELS + 1][SLOTS];
    private final long[] occupied = new long[LEVELS + 1];
    private long elapsed;
    private int size;

    // The slot found by the last call to nextExpiration().
    private int nextLevel;
    private int nextSlot;

    long elapsed() {
        return elapsed;
    }

    int size() {
        return size;
    }

    /** Adds the entry; false (and nothing added) if its deadline is not after elapsed. */
    boolean insert(TimerEntry e, long deadline) {
        if (deadline <= elapsed) {
            return false;
        }
        e.deadline = deadline;
        int level;
        int slot;
        if (deadline > (elapsed | (MAX_SPAN - 1))) {
            level = OVERFLOW;
            slot = 0;
        } else {
            // Same top-level window, so the differing bits are below 36: a level below LEVELS.
            long masked = (elapsed ^ deadline) | (SLOTS - 1);
            level = (63 - Long.numberOfLeadingZeros(masked)) / SLOT_BITS;
            slot = (int) ((deadline >>> (level * SLOT_BITS)) & (SLOTS - 1));
        }
        e.level = (byte) level;
        e.slot = (byte) slot;
        e.prev = null;
        e.next = heads[level][slot];
        if (e.next != null) {
            e.next.prev = e;
        }
        heads[level][slot] = e;
        occupied[level] |= 1L << slot;
        size++;
        return true;
    }

    /** Removes the entry if it is in the wheel. */
    void remove(TimerEntry e) {
        int level = e.level;
        if (level < 0) {
            return;
        }
        if (e.prev != null) {
            e.prev.next = e.next;
        } else {
            heads[level][e.slot] = e.next;
            if (e.next == null) {
                occupied[level] &= ~(1L << e.slot);
            }
        }
        if (e.next != null) {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
        e.level = -1;
        size--;
    }

    /** The start tick of the earliest occupied slot (all due entries are there), or Long.MAX_VALUE. */
    long nextExpiration() {
        for (int level = 0; level < LEVELS; level++) {
            long occ = occupied[level];
            if (occ == 0) {
                continue;
            }
            int shift = level * SLOT_BITS;
            int nowSlot = (int) ((elapsed >>> shift) & (SLOTS - 1));
            int zeros = Long.numberOfTrailingZeros(Long.rotateRight(occ, nowSlot));
            int slot = (nowSlot + zeros) & (SLOTS - 1);
            long levelRange = 1L << (shift + SLOT_BITS);
            long deadline = (elapsed & ~(levelRange - 1)) + ((long) slot << shift);
            if (nowSlot + zeros >= SLOTS) {
                deadline += levelRange; // cannot happen while the invariant holds; kept safe
            }
            nextLevel = level;
            nextSlot = slot;
            if (level == 0) {
                return deadline;
            }
            // A higher-level slot's start may already have passed: process it now.
            return Math.max(deadline, elapsed);
        }
        if (occupied[OVERFLOW] != 0) {
            nextLevel = OVERFLOW;
            nextSlot = 0;
            return (elapsed | (MAX_SPAN - 1)) + 1; // the start of the next top-level window
        }
        return Long.MAX_VALUE;
    }

    /** Advances the wheel to `now`, adding the entries due by then to `due`. */
    void advance(long now, List<TimerEntry> due) {
        for (;;) {
            long next = nextExpiration();
            if (next > now) {
                break;
            }
            int level = nextLevel;
            int slot = nextSlot;
            TimerEntry e = heads[level][slot];
            heads[level][slot] = null;
            occupied[level] &= ~(1L << slot);
            if (next > elapsed) {
                elapsed = next;
            }
            while (e != null) {
                TimerEntry following = e.next;
                e.prev = null;
                e.next = null;
                e.level = -1;
                size--;
                if (e.deadline <= now) {
                    due.add(e);
                } else {
                    insert(e, e.deadline); // cascades to a lower level
                }
                e = following;
            }
        }
        if (now > elapsed) {
            elapsed = now;
        }
    }
}
