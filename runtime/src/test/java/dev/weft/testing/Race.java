package dev.weft.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts two actions as close together as possible (RxJava's TestHelper.race): both wait on a
 * latch, the second on a helper thread. Rethrows the first failure of either.
 */
public final class Race {
    private Race() {}

    public static void run(Runnable a, Runnable b) {
        CountDownLatch start = new CountDownLatch(2);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread helper = new Thread(() -> {
            start.countDown();
            awaitQuietly(start);
            try {
                b.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                done.countDown();
            }
        }, "race-helper");
        helper.start();
        start.countDown();
        awaitQuietly(start);
        try {
            a.run();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
        try {
            if (!done.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the second racer did not finish within 10 s");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Both sides spin-start together: the latch only lines them up roughly.
    }
}
