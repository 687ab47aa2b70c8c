package dev.weft.adapters.reactor;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.runtime.WeftHooks;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/** A Mono's outcome as a Weft future: see ReactorAdapters.monoToFuture. */
final class MonoFuture<T> implements Future<T>, CoreSubscriber<T> {
    /*
     * Implementation notes:
     *
     * Subscribes on the first poll. onSubscribe requests 1 and only then publishes the
     * Subscription (CAS), so the only other call on it, cancel() from the poller, comes after
     * the request: serial (rule 2.7). A cancel before the Subscription arrives leaves CANCELLED,
     * and onSubscribe cancels what arrives.
     *
     * The outcome is handed to the poller through the same Dekker pair as the runtime's timer
     * entries: the poller stores its waker, then reads `completed`; a terminal signal stores the
     * outcome and `completed`, then reads the waker (all volatile, so one side sees the other).
     */

    private static final VarHandle SUBSCRIPTION;
    private static final Subscription CANCELLED = Operators.cancelledSubscription();

    static {
        try {
            SUBSCRIPTION = MethodHandles.lookup().findVarHandle(MonoFuture.class, "subscription", Subscription.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Mono<T> source; // dropped once subscribed
    @SuppressWarnings("unused") // through SUBSCRIPTION
    private volatile Subscription subscription;
    private volatile Waker waker;
    private T value; // written before `completed`
    private Throwable error; // written before `completed`
    private volatile boolean completed;
    private boolean done; // poller only
    private reactor.util.context.Context context = reactor.util.context.Context.empty(); // set before subscribing

    MonoFuture(Mono<T> source) {
        this.source = source;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("future polled after it completed");
        }
        waker = cx.waker();
        Mono<T> m = source;
        if (m != null) {
            source = null;
            reactor.util.context.ContextView view = ReactorAdapters.currentContext();
            context = view.isEmpty() ? reactor.util.context.Context.empty() : reactor.util.context.Context.of(view);
            m.subscribe(this); // may complete synchronously
        }
        if (!completed) {
            return Poll.pending();
        }
        done = true;
        waker = null;
        if (error != null) {
            throw sneaky(error);
        }
        T v = value;
        value = null;
        return Poll.ready(v);
    }

    @Override
    public void cancel() {
        done = true;
        waker = null;
        source = null;
        Subscription s = (Subscription) SUBSCRIPTION.getAndSet(this, CANCELLED);
        if (s != null && s != CANCELLED) {
            s.cancel();
        }
    }

    /** The awaiting task's Reactor context (ReactorAdapters.currentContext at the first poll). */
    @Override
    public reactor.util.context.Context currentContext() {
        return context;
    }

    @Override
    public void onSubscribe(Subscription s) {
        if (Operators.validate((Subscription) SUBSCRIPTION.getVolatile(this), s)) {
            s.request(1);
            if (!SUBSCRIPTION.compareAndSet(this, null, s)) {
                s.cancel(); // cancelled while we were requesting
            }
        }
    }

    @Override
    public void onNext(T t) {
        if (completed) {
            Operators.onNextDropped(t, currentContext());
            return;
        }
        value = t;
        finish(); // a Mono has at most one value; onComplete may follow
    }

    @Override
    public void onError(Throwable t) {
        if (completed) {
            Operators.onErrorDropped(t, currentContext());
            return;
        }
        error = t;
        finish();
    }

    @Override
    public void onComplete() {
        if (!completed) {
            finish();
        }
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
