package dev.weft.testing;

import dev.weft.future.Waker;
import java.util.concurrent.atomic.AtomicInteger;

/** A waker that counts its wakes, for polling futures without a runtime. */
public final class CountingWaker implements Waker {
    private final AtomicInteger wakes = new AtomicInteger();

    @Override
    public void wake() {
        wakes.incrementAndGet();
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
