package dev.weft.sync;

/**
 * An intrusive FIFO of waiters with O(1) removal from anywhere, so a cancelled waiter leaves no
 * entry behind. Not thread-safe: the owning primitive guards it with its lock.
 */
final class WaitList {
    private Waiter head;
    private Waiter tail;
    private int size;

    boolean isEmpty() {
        return head == null;
    }

    int size() {
        return size;
    }

    Waiter first() {
        return head;
    }

    void addLast(Waiter w) {
        w.prev = tail;
        w.next = null;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
        w.queued = true;
        size++;
    }

    /** Unlinks w if it is queued; returns whether it was. */
    boolean remove(Waiter w) {
        if (!w.queued) {
            return false;
        }
        if (w.prev == null) {
            head = w.next;
        } else {
            w.prev.next = w.next;
        }
        if (w.next == null) {
            tail = w.prev;
        } else {
            w.next.prev = w.prev;
        }
        w.prev = null;
        w.next = null;
        w.queued = false;
        size--;
        return true;
    }

    /**
     * Unlinks every waiter and takes its waker, for waking them all once the owner's lock is
     * released (see {@link Wakes}).
     *
     * @return the wakers, as a {@link Wakes} accumulator
     */
    Object removeAllTakingWakers() {
        Object wakes = null;
        for (Waiter w; (w = removeFirst()) != null; ) {
            wakes = Wakes.add(wakes, w.waker);
            w.waker = null;
        }
        return wakes;
    }

    Waiter removeFirst() {
        Waiter w = head;
        if (w != null) {
            remove(w);
        }
        return w;
    }
}
