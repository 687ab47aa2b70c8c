package dev.weft.testing;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;

/**
 * Polls a future by hand with a counting waker (tokio-test's task::spawn): no runtime, fully
 * deterministic. The budget is unlimited unless set.
 */
public final class MockTask<T> implements Context {
    private final Future<T> future;
    private final CountingWaker waker = new CountingWaker();
    private int budget = Integer.MAX_VALUE;

    public MockTask(Future<T> future) {
        this.future = future;
    }

    public static <T> MockTask<T> of(Future<T> future) {
        return new MockTask<>(future);
    }

    public Poll<T> poll() {
        waker.reset();
        return future.poll(this);
    }

    /** Polls and asserts ready; returns the value. */
    public T pollReady() {
        Poll<T> p = poll();
        if (p.isPending()) {
            throw new AssertionError("expected ready, was pending");
        }
        return p.value();
    }

    public void pollPending() {
        Poll<T> p = poll();
        if (p.isReady()) {
            throw new AssertionError("expected pending, was " + p);
        }
    }

    public boolean isWoken() {
        return waker.isWoken();
    }

    public int wakeCount() {
        return waker.count();
    }

    /** Waits for a wake since the last poll; false if the timeout passed first. */
    public boolean awaitWoken(long timeout, java.util.concurrent.TimeUnit unit) throws InterruptedException {
        return waker.awaitWoken(timeout, unit);
    }

    public void setBudget(int budget) {
        this.budget = budget;
    }

    public void cancel() {
        future.cancel();
    }

    @Override
    public Waker waker() {
        return waker;
    }

    @Override
    public boolean tryConsumeBudget() {
        if (budget > 0) {
            budget--;
            return true;
        }
        waker.wake();
        return false;
    }
}
