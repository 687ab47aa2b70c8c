package dev.weft.internal.wake;

import dev.weft.future.Waker;
import dev.weft.internal.util.Undeliverable;

/** How the runtime wakes a waker it was handed: wakers are user code, and may throw. */
public final class Wakers {
    private Wakers() {}

    /**
     * Wakes {@code waker}. One that throws is reported to the undeliverable-error hook, and the
     * caller (a channel waking several waiters, a timer wheel firing a batch, a sender whose item
     * is already delivered) carries on, so one broken waker never strands the other waiters.
     */
    public static void wake(Waker waker) {
        try {
            waker.wake();
        } catch (Throwable t) {
            Undeliverable.report(t);
        }
    }
}
