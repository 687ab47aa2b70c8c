package dev.weft.adapters.rxjava;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * The task behind futureToSingle/Maybe/Completable: polls the future and hands its outcome to
 * the RxJava emitter. Aborted by anything but the subscriber's dispose (the runtime shutting
 * down), it fails the emitter with tryOnError, so the subscriber does not wait forever and a
 * disposed one does not turn it into an RxJavaPlugins error.
 */
final class EmitterTask<T> implements Future<Void> {
    interface Outcome<T> {
        void value(T value);

        boolean tryError(Throwable error);
    }

    private final Future<T> inner;
    private final Outcome<T> outcome;
    volatile boolean disposedBySubscriber;
    private boolean finished;

    EmitterTask(Future<T> inner, Outcome<T> outcome) {
        this.inner = inner;
        this.outcome = outcome;
    }

    static <T> Outcome<T> outcome(Consumer<T> onValue, java.util.function.Predicate<Throwable> tryError) {
        return new Outcome<>() {
            @Override
            public void value(T value) {
                onValue.accept(value);
            }

            @Override
            public boolean tryError(Throwable error) {
                return tryError.test(error);
            }
        };
    }

    @Override
    public Poll<Void> poll(Context cx) {
        Poll<T> p;
        try {
            p = inner.poll(cx);
        } catch (Throwable t) {
            finished = true;
            outcome.tryError(t);
            return Poll.ready(null);
        }
        if (p.isPending()) {
            return Poll.pending();
        }
        finished = true;
        outcome.value(p.value());
        return Poll.ready(null);
    }

    @Override
    public void cancel() {
        if (finished) {
            return;
        }
        finished = true;
        inner.cancel();
        if (!disposedBySubscriber) {
            outcome.tryError(new CancellationException("the Weft runtime running this task shut down"));
        }
    }
}
