package dev.weft.internal.driver.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A runtime's Selector. One thread at a time selects (the scheduler's timed sleeper, or a busy
 * worker polling without blocking); any thread registers channels and arms interest.
 */
public final class IoDriver {
    /*
     * Implementation notes:
     *
     * Wakeup coalescing: wakeup() calls Selector.wakeup() only when it flips `wakeupPending`
     * from false, so a burst of wakes from many threads costs one system call. The selecting
     * thread clears the flag in prepareSelect(), then checks its own parker for a pending
     * unpark, then selects. A waker (1) publishes its event, (2) unparks the thread's parker,
     * (3) calls wakeup(). If (3) comes after the clear, it issues a Selector.wakeup(), which
     * also interrupts a select that has not started yet. If it comes before the clear, (2) came
     * before the parker check, which then sees the unpark and skips the select. Interest changes
     * need no parker: a select started after interestOps() already uses the new interest.
     *
     * No system call when nobody selects: `selecting` is set in prepareSelect (before the parker
     * check) and cleared when select returns, and wakeup() does nothing while it is clear. A
     * waker that reads it clear did its step (2) or its interestOps() before that read, and the
     * sleeper sets it before its parker check and its select, so the sleeper sees the unpark or
     * the new interest. Without this, every task re-arming read interest (W4: every request) paid
     * a Selector.wakeup() while the selector thread was off running those very tasks. For the
     * same reason selectNow() leaves `selecting` clear: it does not block, so a wakeup issued
     * during it would only make the next blocking select return at once.
     */

    private final Selector selector;
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private volatile boolean selecting;
    private final java.util.concurrent.atomic.AtomicInteger registered = new java.util.concurrent.atomic.AtomicInteger();
    /** A channel was closed since the last select: its cancelled key waits to be flushed. */
    private volatile boolean flushPending;

    public IoDriver() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the runtime's selector", e);
        }
    }

    /** Registers a non-blocking channel with no interest yet. */
    public IoRegistration register(SelectableChannel channel) throws IOException {
        channel.configureBlocking(false);
        IoRegistration r = new IoRegistration(this);
        r.bind(channel.register(selector, 0, r));
        registered.incrementAndGet();
        return r;
    }

    /** The owner closed a registered channel. */
    public void deregistered() {
        flushPending = true; // before the decrement: whoever sees the count drop sees this too
        registered.decrementAndGet();
        wakeup(); // let the selector flush the cancelled key
    }

    /** Registered channels, for metrics and leak tests. */
    public int registeredCount() {
        return registered.get();
    }

    void interestChanged() {
        wakeup();
    }

    /**
     * Dispatches readiness without blocking, for a busy thread between tasks (one thread at a
     * time, as select). Skips the system call while no channel is registered and no closed one
     * waits for its key to be flushed: a runtime without sockets (W1s) otherwise paid a
     * selectNow, about 300 ns here, every 61 tasks.
     */
    public int selectNow() {
        if (!needsPolling()) {
            return 0;
        }
        flushPending = false; // before the select that flushes: a later close sets it again
        return select(0); // `selecting` stays clear: a select that does not block needs no wakeup
    }

    /** Whether a non-blocking select could find anything: a registered channel, or a key to flush. */
    public boolean needsPolling() {
        return registered.get() != 0 || flushPending;
    }

    /** The selecting thread, before it checks its parker and selects (see the notes). */
    public void prepareSelect() {
        selecting = true;
        wakeupPending.set(false);
    }

    /** The selecting thread found a pending unpark after prepareSelect() and will not select. */
    public void skipSelect() {
        selecting = false;
    }

    /** Wakes the thread blocked in select, once per select however many call it. Any thread. */
    public void wakeup() {
        if (selecting && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /**
     * Selects and dispatches readiness. nanos < 0 blocks until woken, 0 does not block, and a
     * positive value blocks at most that long. Called by one thread at a time.
     */
    public int select(long nanos) {
        // Selector.select returns at once while the thread's interrupt flag is set, so a
        // blockOn thread that was interrupted would spin here. Waits are not interruptible (as
        // CompletableFuture.join): clear the flag for the select and set it again afterwards.
        boolean interrupted = Thread.interrupted();
        int n;
        try {
            if (nanos == 0) {
                n = selector.selectNow();
            } else if (nanos < 0) {
                n = selector.select();
            } else {
                n = selector.select(Math.max(1L, (nanos + 999_999L) / 1_000_000L));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("select failed", e);
        } finally {
            selecting = false;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (n == 0) {
            return 0;
        }
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey k = it.next();
            it.remove();
            if (k.isValid()) {
                ((IoRegistration) k.attachment()).dispatch(k.readyOps());
            } else {
                ((IoRegistration) k.attachment()).wakeAll();
            }
        }
        return n;
    }

    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the runtime's selector", e);
        }
    }
}
