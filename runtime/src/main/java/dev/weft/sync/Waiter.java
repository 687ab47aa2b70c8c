package dev.weft.sync;

import dev.weft.future.Waker;

/**
 * A node of a {@link WaitList}: the future that waits is the node itself, so waiting allocates
 * nothing beyond the future. Every field is guarded by the lock of the primitive that owns the
 * list.
 */
abstract class Waiter {
    Waiter prev;
    Waiter next;
    boolean queued;
    Waker waker;
}
