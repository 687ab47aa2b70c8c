package dev.weft.adapters.completablefuture;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.runtime.JoinHandle;
import java.util.concurrent.CompletableFuture;

/**
 * The task side of CompletionStages.spawnAsCompletableFuture: polls the user's future and
 * completes the CompletableFuture with its outcome; if the task is aborted (by the
 * CompletableFuture being completed from outside, or by the runtime shutting down) it cancels the
 * CompletableFuture, so nobody waits forever.
 */
final class TaskCompletableFuture<T> implements Future<Void> {
    private final Future<T> inner;
    private final CompletableFuture<T> target;
    private boolean finished;

    TaskCompletableFuture(Future<T> inner, CompletableFuture<T> target) {
        this.inner = inner;
        this.target = target;
    }

    /** Ties the CompletableFuture to the spawned task: any completion from outside aborts it. */
    static <T> CompletableFuture<T> link(CompletableFuture<T> target, JoinHandle<Void> task) {
        // If the task completed the target itself, the task is finished and abort() is a no-op.
        target.whenComplete((v, t) -> task.abort());
        return target;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (target.isDone()) {
            // Completed from outside while this task was queued: stop now.
            inner.cancel();
            finished = true;
            return Poll.ready(null);
        }
        Poll<T> p;
        try {
            p = inner.poll(cx);
        } catch (Throwable t) {
            finished = true;
            target.completeExceptionally(t); // the original exception, not wrapped
            return Poll.ready(null);
        }
        if (p.isPending()) {
            return Poll.pending();
        }
        finished = true;
        target.complete(p.value());
        return Poll.ready(null);
    }

    @Override
    public void cancel() {
        if (!finished) {
            finished = true;
            inner.cancel();
            target.cancel(false);
        }
    }
}
