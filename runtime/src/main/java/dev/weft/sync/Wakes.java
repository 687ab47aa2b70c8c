package dev.weft.sync;

import dev.weft.future.Waker;
import dev.weft.internal.wake.Wakers;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the wakers to wake once a lock is released, without allocating for the usual zero
 * or one: the accumulator is null, a Waker, or a List of them.
 */
final class Wakes {
    private Wakes() {}

    @SuppressWarnings("unchecked")
    static Object add(Object acc, Waker w) {
        if (w == null) {
            return acc;
        }
        if (acc == null) {
            return w;
        }
        List<Waker> list;
        if (acc instanceof Waker) {
            list = new ArrayList<>();
            list.add((Waker) acc);
        } else {
            list = (List<Waker>) acc;
        }
        list.add(w);
        return list;
    }

    @SuppressWarnings("unchecked")
    static void wake(Object acc) {
        if (acc == null) {
            return;
        }
        if (acc instanceof Waker) {
            Wakers.wake((Waker) acc);
            return;
        }
        for (Waker w : (List<Waker>) acc) {
            Wakers.wake(w);
        }
    }
}
