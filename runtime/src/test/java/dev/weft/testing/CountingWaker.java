package dev.weft.testing;

import dev.weft.future.Waker;
import java.util.concurrent.atomic.AtomicInteger;

/** A waker that counts its wakes, for polling futures without a runtime. */
public final class CountingWaker implements Waker {
    private final AtomicInteger wakes = new AtomicInteger();

    @Override
    public void wake() {
        wakes.incrementAndGet();
        synchronized (this) {
            notifyAll();
        }
    }

    /** Waits until a wake has been counted since the last reset; false if the timeout passed first. */
    public boolean awaitWoken(long timeout, java.util.concurrent.TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (this) {
            while (wakes.get() == 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        return true;
    }

    public int count() {
        return wakes.get();
    }

    public boolean isWoken() {
        return wakes.get() > 0;
    }

    public void reset() {
        wakes.set(0);
    }
}
