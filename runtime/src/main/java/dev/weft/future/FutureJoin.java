package dev.weft.future;

import java.util.function.BiFunction;

/** Waits for two futures and combines their values; the first failure cancels the other. */
final class FutureJoin<A, B, R> implements Future<R> {
    private Future<? extends A> left;
    private Future<? extends B> right;
    private final BiFunction<? super A, ? super B, ? extends R> combiner;
    private A leftValue;
    private B rightValue;
    private boolean finished;

    FutureJoin(Future<? extends A> left, Future<? extends B> right,
            BiFunction<? super A, ? super B, ? extends R> combiner) {
        this.left = left;
        this.right = right;
        this.combiner = combiner;
    }

    @Override
    public Poll<R> poll(Context cx) {
        if (finished) {
            throw new IllegalStateException("future polled after it completed");
        }
        // Polling both each time is cheaper than per-side wakers for two futures.
        if (left != null) {
            Poll<? extends A> p;
            try {
                p = left.poll(cx);
            } catch (Throwable t) {
                left = null;
                fail();
                throw t;
            }
            if (p.isReady()) {
                leftValue = p.value();
                left = null;
            }
        }
        if (right != null) {
            Poll<? extends B> p;
            try {
                p = right.poll(cx);
            } catch (Throwable t) {
                right = null;
                fail();
                throw t;
            }
            if (p.isReady()) {
                rightValue = p.value();
                right = null;
            }
        }
        if (left != null || right != null) {
            return Poll.pending();
        }
        finished = true;
        return Poll.ready(combiner.apply(leftValue, rightValue));
    }

    private void fail() {
        finished = true;
        cancel();
    }

    @Override
    public void cancel() {
        Future<? extends A> l = left;
        Future<? extends B> r = right;
        left = null;
        right = null;
        try {
            if (l != null) {
                l.cancel();
            }
        } finally {
            if (r != null) {
                r.cancel();
            }
        }
    }
}
