package dev.weft.adapters.completablefuture;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.runtime.WeftHooks;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/** A Weft future of a CompletionStage's outcome: see CompletionStages.stageToFuture. */
final class StageFuture<T> implements Future<T>, BiConsumer<T, Throwable> {
    /*
     * Implementation notes:
     *
     * The stage's outcome arrives once, on whatever thread completes it, through accept(). The
     * hand-off to the polling task is the same Dekker pair as the runtime's timer entries: the
     * owner stores its waker (volatile), then reads `completed`; accept() stores the outcome and
     * `completed` (volatile), then reads the waker. Sequential consistency of volatiles means
     * either the owner sees the outcome or accept() sees the owner's latest waker: a poll that
     * returned pending is always woken.
     *
     * The callback is registered on the first pending poll only; later polls just store the new
     * waker. A CompletableFuture that is already done is read directly, with no callback at all.
     *
     * cancel() drops the waker, so the callback still attached to a detached stage holds this
     * small object only, never the task.
     */

    private final CompletionStage<T> stage;
    private final CompletableFuture<T> cf; // the stage itself when it is one, else null
    private final boolean cancelSource;
    private boolean callbackRegistered; // owner only
    private boolean done; // owner only
    private volatile Waker waker;
    private T value; // written before `completed`
    private Throwable failure; // written before `completed`
    private volatile boolean completed;

    StageFuture(CompletionStage<T> stage, boolean cancelSource) {
        this.stage = stage;
        this.cf = stage instanceof CompletableFuture ? (CompletableFuture<T>) stage : null;
        this.cancelSource = cancelSource;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("future polled after it completed");
        }
        if (!callbackRegistered && cf != null && cf.isDone()) {
            // Already complete: read it without registering anything.
            done = true;
            return Poll.ready(Outcomes.join(cf));
        }
        waker = cx.waker();
        if (!callbackRegistered) {
            callbackRegistered = true;
            stage.whenComplete(this); // runs at once (on this thread) if the stage is done by now
        }
        if (!completed) {
            return Poll.pending();
        }
        done = true;
        waker = null;
        if (failure != null) {
            throw Outcomes.sneakyThrow(Outcomes.unwrap(failure));
        }
        T v = value;
        value = null;
        return Poll.ready(v);
    }

    @Override
    public void accept(T v, Throwable t) {
        value = v;
        failure = t;
        completed = true;
        Waker w = waker;
        if (w != null) {
            WeftHooks.wakeOrReport(w); // a throwing waker must not throw into the signal's caller
        }
    }

    @Override
    public void cancel() {
        if (done) {
            return;
        }
        done = true;
        waker = null;
        value = null;
        if (cancelSource) {
            stage.toCompletableFuture().cancel(false);
        }
    }
}
