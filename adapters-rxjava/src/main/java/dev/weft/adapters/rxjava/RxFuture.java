package dev.weft.adapters.rxjava;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.runtime.WeftHooks;
import io.reactivex.rxjava3.core.CompletableObserver;
import io.reactivex.rxjava3.core.MaybeObserver;
import io.reactivex.rxjava3.core.SingleObserver;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The outcome of a Single, Maybe or Completable as a Weft future. Subscribes on the first poll;
 * cancelling the future disposes the subscription. For a Maybe the value is an Optional (empty
 * when the Maybe completes empty); for a Completable it is null.
 */
final class RxFuture<T, R> implements Future<R>, SingleObserver<T>, MaybeObserver<T>, CompletableObserver {
    /*
     * Implementation notes: the Disposable arrives in onSubscribe (CAS in; a cancel before it
     * leaves DISPOSED, and what arrives is disposed). The outcome reaches the poller through the
     * Dekker pair used across Weft's adapters: poller stores its waker then reads `completed`;
     * the terminal signal stores the outcome and `completed`, then reads the waker (volatile).
     */

    private static final VarHandle UPSTREAM;

    static {
        try {
            UPSTREAM = MethodHandles.lookup().findVarHandle(RxFuture.class, "upstream", Disposable.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Our own sentinel: RxJava's shared disposed instance also marks sources that fail at once. */
    private static final Disposable DISPOSED = new Disposable() {
        @Override
        public void dispose() {}

        @Override
        public boolean isDisposed() {
            return true;
        }
    };

    private Consumer<RxFuture<T, R>> subscribe; // dropped once called
    private final boolean optional;
    @SuppressWarnings("unused") // through UPSTREAM
    private volatile Disposable upstream;
    private volatile Waker waker;
    private Object value; // written before `completed`
    private Throwable error; // written before `completed`
    private volatile boolean completed;
    private boolean done; // poller only

    RxFuture(Consumer<RxFuture<T, R>> subscribe, boolean optional) {
        this.subscribe = subscribe;
        this.optional = optional;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Poll<R> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("future polled after it completed");
        }
        waker = cx.waker();
        Consumer<RxFuture<T, R>> s = subscribe;
        if (s != null) {
            subscribe = null;
            s.accept(this); // may complete synchronously
        }
        if (!completed) {
            return Poll.pending();
        }
        done = true;
        waker = null;
        if (error != null) {
            throw sneaky(error);
        }
        Object v = value;
        value = null;
        return Poll.ready((R) (optional ? Optional.ofNullable(v) : v));
    }

    @Override
    public void cancel() {
        done = true;
        waker = null;
        subscribe = null;
        Disposable d = (Disposable) UPSTREAM.getAndSet(this, DISPOSED);
        if (d != null && d != DISPOSED) {
            d.dispose();
        }
    }

    @Override
    public void onSubscribe(Disposable d) {
        if (!UPSTREAM.compareAndSet(this, null, d)) {
            d.dispose(); // cancelled before the subscription came, or a second one
        }
    }

    @Override
    public void onSuccess(T t) {
        value = t;
        finish();
    }

    @Override
    public void onComplete() {
        finish();
    }

    @Override
    public void onError(Throwable e) {
        if (completed || UPSTREAM.getVolatile(this) == DISPOSED) {
            RxJavaPlugins.onError(e); // nobody can receive it
            return;
        }
        error = e;
        finish();
    }

    private void finish() {
        completed = true;
        Waker w = waker;
        if (w != null) {
            WeftHooks.wakeOrReport(w); // a throwing waker must not throw into the signal's caller
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
