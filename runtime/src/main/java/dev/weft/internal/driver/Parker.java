package dev.weft.internal.driver;

/**
 * The narrow interface through which a scheduler thread sleeps when it has no work. The thread
 * parker below blocks in LockSupport; the I/O driver will block in Selector.select(), which is
 * why schedulers never park threads directly.
 */
public interface Parker {
    /** Blocks until unpark() is called (or returns at once if it was called since the last park). */
    void park();

    /** Like park(), but returns after at most {@code nanos}. */
    void parkNanos(long nanos);

    /** Wakes the parked thread, or makes its next park() return at once. Safe from any thread. */
    void unpark();
}
