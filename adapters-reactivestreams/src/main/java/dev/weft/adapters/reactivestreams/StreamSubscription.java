package dev.weft.adapters.reactivestreams;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.runtime.WeftHooks;
import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.AsyncStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * One subscription to a stream-backed Publisher: the Subscription the subscriber calls, and the
 * task (Emitter) that polls the stream while demand is positive and makes every signal.
 */
final class StreamSubscription<T> implements Subscription {
    /*
     * Implementation notes:
     *
     * All signals (onSubscribe first, then onNext/onError/onComplete) are made by the Emitter
     * task, so they are serial (rule 1.3) without a lock. The subscriber's request() and cancel()
     * only change atomics and wake the task:
     *
     * - `demand` is added to with a CAS loop capped at Long.MAX_VALUE (rule 3.17); the task is woken
     *   only on the zero-to-positive edge, since a task that sees positive demand keeps polling
     *   the stream until demand is used up or the stream is pending (and then the stream wakes it).
     *   The task takes what it emitted off the demand after each batch. A request() that lands
     *   between the task's "demand is zero" check and its return of pending is not lost: it wakes
     *   the task, and a wake during a poll makes the runtime poll again.
     * - request(n <= 0) records n; the task signals IllegalArgumentException (rule 3.9).
     * - cancel() sets `cancelled` and drops the subscriber reference at once (rule 3.13); the task
     *   cancels the stream. A request() or cancel() from inside onNext only does the same, so it
     *   never recurses into the emitter (rule 3.3).
     * - The task's waker is stored on every poll (volatile); before the first poll there is none,
     *   and nothing is lost: the first poll reads demand anyway.
     */

    private static final VarHandle DEMAND;

    static {
        try {
            DEMAND = MethodHandles.lookup().findVarHandle(StreamSubscription.class, "demand", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile Subscriber<? super T> subscriber;
    @SuppressWarnings("unused") // through DEMAND
    private volatile long demand;
    private volatile boolean cancelled;
    private volatile long badRequest; // the first n <= 0 requested, or 1 (never a bad value) if none
    private volatile Waker taskWaker;

    private StreamSubscription(Subscriber<? super T> subscriber) {
        this.subscriber = subscriber;
        this.badRequest = 1;
    }

    static <T> void start(AsyncStream<T> stream, Subscriber<? super T> subscriber, WeftRuntime runtime) {
        StreamSubscription<T> s = new StreamSubscription<>(subscriber);
        runtime.spawn(s.new Emitter(stream));
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            if (badRequest > 0) {
                badRequest = n;
            }
            wakeTask();
            return;
        }
        for (;;) {
            long d = (long) DEMAND.getVolatile(this);
            if (d == Long.MAX_VALUE) {
                return;
            }
            long next = d + n < 0 ? Long.MAX_VALUE : d + n;
            if (DEMAND.compareAndSet(this, d, next)) {
                if (d == 0) {
                    wakeTask();
                }
                return;
            }
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        subscriber = null;
        wakeTask();
    }

    private void wakeTask() {
        Waker w = taskWaker;
        if (w != null) {
            WeftHooks.wakeOrReport(w); // a throwing waker must not throw into the signal's caller
        }
    }

    /** The task: runs onSubscribe, then polls the stream while there is demand. */
    private final class Emitter implements Future<Void> {
        private AsyncStream<T> stream;
        private boolean subscribed;

        Emitter(AsyncStream<T> stream) {
            this.stream = stream;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            taskWaker = cx.waker();
            if (!subscribed) {
                subscribed = true;
                Subscriber<? super T> s = subscriber;
                if (s != null) {
                    try {
                        s.onSubscribe(StreamSubscription.this);
                    } catch (Throwable t) {
                        return subscriberFailed("onSubscribe", t);
                    }
                }
            }
            for (;;) {
                if (cancelled) {
                    return finish();
                }
                long bad = badRequest;
                if (bad <= 0) {
                    Subscriber<? super T> s = subscriber;
                    finish();
                    if (s != null) {
                        signalError(s, new IllegalArgumentException("request(" + bad + ") called, but a request must "
                                + "be positive (Reactive Streams rule 3.9)"));
                    }
                    return Poll.ready(null);
                }
                long d = (long) DEMAND.getVolatile(StreamSubscription.this);
                if (d == 0) {
                    return Poll.pending(); // request() wakes the task on the zero-to-positive edge
                }
                // Emit a batch of at most the demand seen now, and take it off the demand once,
                // after the batch: one atomic per batch instead of one per item. Requests made
                // meanwhile (even from inside onNext) only add to it, so `emitted <= d` never
                // exceeds what was requested. Long.MAX_VALUE is unbounded (rule 3.17): never
                // decremented.
                long emitted = 0;
                Poll<Void> exit = null;
                while (emitted < d) {
                    if (!cx.tryConsumeBudget()) {
                        exit = Poll.pending(); // woken already: others get the worker meanwhile
                        break;
                    }
                    Poll<T> p;
                    try {
                        p = stream.pollNext(cx);
                    } catch (Throwable t) {
                        stream = null; // it failed: nothing to cancel
                        Subscriber<? super T> s = subscriber;
                        finish();
                        if (s != null) {
                            signalError(s, t);
                        }
                        return Poll.ready(null);
                    }
                    if (p.isPending()) {
                        exit = Poll.pending(); // the stream wakes the task
                        break;
                    }
                    T item = p.value();
                    Subscriber<? super T> s = subscriber;
                    if (item == null) {
                        stream = null; // ended: nothing to cancel
                        finish();
                        if (s != null) {
                            try {
                                s.onComplete();
                            } catch (Throwable t) {
                                WeftHooks.onUndeliverableError(ruleViolation("onComplete", t));
                            }
                        }
                        return Poll.ready(null);
                    }
                    if (s == null) {
                        break; // cancelled meanwhile: the outer loop finishes
                    }
                    emitted++;
                    try {
                        s.onNext(item);
                    } catch (Throwable t) {
                        return subscriberFailed("onNext", t);
                    }
                }
                if (emitted > 0 && d != Long.MAX_VALUE) {
                    DEMAND.getAndAdd(StreamSubscription.this, -emitted);
                }
                if (exit != null) {
                    return exit;
                }
            }
        }

        /** Rule 2.13: a subscriber that throws is broken; the subscription is cancelled. */
        private Poll<Void> subscriberFailed(String signal, Throwable t) {
            WeftHooks.onUndeliverableError(ruleViolation(signal, t)); // reported before the cancel it causes
            finish();
            return Poll.ready(null);
        }

        private void signalError(Subscriber<? super T> s, Throwable error) {
            try {
                s.onError(error);
            } catch (Throwable t) {
                t.addSuppressed(error);
                WeftHooks.onUndeliverableError(ruleViolation("onError", t));
            }
        }

        /** Cancels the stream if it is still live and drops the subscriber. */
        private Poll<Void> finish() {
            subscriber = null;
            cancelled = true;
            AsyncStream<T> st = stream;
            stream = null;
            if (st != null) {
                st.cancel();
            }
            return Poll.ready(null);
        }

        /** The task was aborted (the runtime shut down): tell a subscriber still waiting. */
        @Override
        public void cancel() {
            Subscriber<? super T> s = subscriber;
            boolean neverSubscribed = !subscribed;
            subscribed = true;
            finish();
            if (s != null) {
                CancellationException e = new CancellationException("the Weft runtime serving this subscription shut down");
                if (neverSubscribed) {
                    StreamPublisher.reject(s, e);
                } else {
                    signalError(s, e);
                }
            }
        }
    }

    private static IllegalStateException ruleViolation(String signal, Throwable t) {
        return new IllegalStateException("Subscriber." + signal + " threw; a subscriber must return normally "
                + "(Reactive Streams rule 2.13), so the subscription was cancelled", t);
    }
}
