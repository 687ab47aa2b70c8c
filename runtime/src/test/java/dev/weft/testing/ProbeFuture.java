package dev.weft.testing;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A future that never completes, and tells (latches) when it is first polled and cancelled. */
public final class ProbeFuture<T> implements Future<T> {
    public final CountDownLatch polled = new CountDownLatch(1);
    public final CountDownLatch cancelled = new CountDownLatch(1);
    public final AtomicInteger cancels = new AtomicInteger();

    @Override
    public Poll<T> poll(Context cx) {
        polled.countDown();
        return Poll.pending();
    }

    @Override
    public void cancel() {
        cancels.incrementAndGet();
        cancelled.countDown();
    }

    /** Waits up to 10 s for the latch; fails the test naming what did not happen. */
    public static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError(what + " did not happen within 10 s");
        }
    }
}
