package dev.weft.adapters.reactivestreams;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.runtime.WeftHooks;
import dev.weft.stream.AsyncStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;

/**
 * A publisher's items as a stream, with waker-driven backpressure; also the Subscriber behind
 * ReactiveStreams.subscriberToStream (then `source` is null and someone else subscribes it).
 */
final class PublisherStream<T> implements AsyncStream<T>, StreamSubscriber<T> {
    /*
     * Implementation notes:
     *
     * Two sides. The producer side is the publisher's signals (serial by rule 1.3, on any thread);
     * the consumer side is the task polling the stream (one poll at a time). They share a
     * single-producer single-consumer ring of exactly `prefetch` slots, indexed by two
     * monotonically increasing counters.
     *
     * Every request() and cancel() on the Subscription is made by the consumer side, so they are
     * serial (rule 2.7) without a lock: onSubscribe only publishes the Subscription (CAS) and wakes
     * the consumer, whose next poll makes the first request; a protocol violation seen in onNext
     * is recorded, and the consumer cancels when it sees it. Because the stream never requests
     * more than the ring has free (it requests `refillAfter` only after taking that many out), a
     * full ring on onNext can only mean the publisher sent more than was requested (rule 1.1).
     *
     * Lost wakeups: the consumer, finding the ring empty, stores its waker, sets `parked`
     * (volatile) and checks the ring again; the producer writes the item, then `producerIndex`
     * (volatile), then reads `parked`. Volatile accesses are sequentially consistent, so either
     * the consumer's re-check sees the item or the producer sees `parked` and wakes it. The
     * producer wakes only a parked consumer, so a consumer that is keeping up costs no wake per
     * item. Terminal signals publish `error` before `done` and wake the same way.
     */

    private static final VarHandle SUBSCRIPTION;
    private static final VarHandle PRODUCER_INDEX;
    private static final VarHandle CONSUMER_INDEX;
    private static final Subscription CANCELLED = new Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
    };

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SUBSCRIPTION = l.findVarHandle(PublisherStream.class, "subscription", Subscription.class);
            PRODUCER_INDEX = l.findVarHandle(PublisherStream.class, "producerIndex", long.class);
            CONSUMER_INDEX = l.findVarHandle(PublisherStream.class, "consumerIndex", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Publisher<? extends T> source; // null for a bare subscriber
    private final int prefetch;
    private final int refillAfter;
    private final Object[] ring;

    // Shared.
    @SuppressWarnings("unused") // through SUBSCRIPTION
    private volatile Subscription subscription;
    private volatile long producerIndex;
    private volatile long consumerIndex;
    private volatile boolean done; // a terminal signal or a violation was recorded
    private Throwable error; // written before `done`
    private boolean broken; // written before `done`: a protocol violation, cancel upstream
    private volatile boolean parked;
    private volatile Waker waker;

    /**
     * The consumer's thread while it is inside Subscription.request (else null). A publisher that
     * emits synchronously inside request (Flux.range, most sync sources) runs onNext on that very
     * thread, which then needs no fence and no wake: the consumer re-reads the ring as soon as
     * request returns. Only the thread that set it can see its own value, so a racing onNext on
     * another thread never takes the shortcut.
     */
    private Thread requestingThread;

    /** producerIndex % prefetch, kept by the producer so no division runs per item. */
    private int producerSlot;

    // Consumer side only.
    private boolean flowing; // subscribed, first request made, not finished: the fast path applies
    private int consumerSlot; // consumerIndex % prefetch
    private boolean subscribeCalled;
    private boolean requestedInitial;
    private int consumedSinceRequest;
    private boolean finished;

    PublisherStream(Publisher<? extends T> source, StreamOptions options) {
        this.source = source;
        this.prefetch = options.prefetch();
        this.refillAfter = options.refillAfter();
        this.ring = new Object[prefetch];
    }

    /** The publisher this stream reads, if nothing has polled it yet (for the round trip). */
    Publisher<? extends T> unpolledSource() {
        return subscribeCalled ? null : source;
    }

    @Override
    public AsyncStream<T> stream() {
        return this;
    }

    // ---- consumer side

    @Override
    public Poll<T> pollNext(Context cx) {
        // The common case, kept small so the JIT inlines it into the caller and can drop the Poll:
        // subscribed, no refill due, an item in the ring.
        if (flowing && consumedSinceRequest < refillAfter) {
            long c = consumerIndex;
            if (c < producerIndex) {
                return Poll.ready(take(c));
            }
        }
        return pollSlow(cx);
    }

    @SuppressWarnings("unchecked")
    private T take(long c) {
        int slot = consumerSlot;
        consumerSlot = slot + 1 == prefetch ? 0 : slot + 1;
        T item = (T) ring[slot];
        ring[slot] = null;
        // Release is enough: the producer reads it only to check room, and the room it frees is
        // handed out by a later request(), which orders after this store.
        CONSUMER_INDEX.setRelease(this, c + 1);
        consumedSinceRequest++;
        return item;
    }

    private Poll<T> pollSlow(Context cx) {
        if (finished) {
            throw new IllegalStateException("stream polled after it ended");
        }
        if (!subscribeCalled) {
            subscribeCalled = true;
            if (source != null) {
                waker = cx.waker();
                parked = true; // a synchronous onSubscribe/onNext inside subscribe wakes us
                source.subscribe(this);
            }
        }
        boolean registered = false;
        for (;;) {
            Subscription s = (Subscription) SUBSCRIPTION.getVolatile(this);
            if (s != null && s != CANCELLED) {
                if (!requestedInitial) {
                    requestedInitial = true;
                    flowing = true;
                    request(s, prefetch); // may deliver synchronously into the ring
                } else if (consumedSinceRequest >= refillAfter) {
                    // Refill when the poller comes back for more, not when it takes an item: a
                    // consumer that stops after one item (publisherToFirst) never asks for more.
                    int n = consumedSinceRequest;
                    consumedSinceRequest = 0;
                    request(s, n);
                }
            }
            long c = consumerIndex;
            if (c < producerIndex) {
                return Poll.ready(take(c));
            }
            if (done) {
                finished = true;
                flowing = false;
                Throwable e = error;
                if (broken) {
                    cancelUpstream();
                }
                if (e != null) {
                    throw sneaky(e);
                }
                return Poll.ready(null);
            }
            if (registered) {
                return Poll.pending();
            }
            waker = cx.waker();
            parked = true;
            registered = true; // check once more: the producer may have missed `parked`
        }
    }

    private void request(Subscription s, long n) {
        requestingThread = Thread.currentThread();
        try {
            s.request(n);
        } catch (Throwable t) {
            // Rule 3.16: request must return normally. A publisher that throws is broken: cancel
            // it and fail the stream with what it threw.
            finished = true;
            flowing = false;
            cancelUpstream();
            throw t;
        } finally {
            requestingThread = null;
        }
    }

    @Override
    public void cancel() {
        finished = true;
        flowing = false;
        waker = null;
        cancelUpstream();
    }

    private void cancelUpstream() {
        Subscription s = (Subscription) SUBSCRIPTION.getAndSet(this, CANCELLED);
        if (s != null && s != CANCELLED) {
            s.cancel();
        }
    }

    // ---- producer side (the publisher's signals)

    @Override
    public void onSubscribe(Subscription s) {
        if (s == null) {
            throw new NullPointerException("onSubscribe called with a null Subscription (Reactive Streams rule 2.13)");
        }
        if (!SUBSCRIPTION.compareAndSet(this, null, s)) {
            // Already subscribed (rule 2.5) or the stream was cancelled before the subscription came.
            s.cancel();
            return;
        }
        wakeConsumer(); // its next poll makes the first request
    }

    @Override
    public void onNext(T item) {
        if (item == null) {
            // Rule 2.13: throw to the caller, and treat the subscription as cancelled.
            NullPointerException npe = new NullPointerException("onNext called with null (Reactive Streams rule 2.13)");
            violation(npe);
            throw npe;
        }
        if (done) {
            return; // after a terminal signal or a violation: ignored, the subscription is (being) cancelled
        }
        long p = producerIndex;
        if (p - consumerIndex >= prefetch) {
            violation(new IllegalStateException("the publisher signalled more items than were requested "
                    + "(Reactive Streams rule 1.1); at most " + prefetch + " were outstanding"));
            return;
        }
        int slot = producerSlot;
        producerSlot = slot + 1 == prefetch ? 0 : slot + 1;
        ring[slot] = item;
        if (requestingThread == Thread.currentThread()) {
            PRODUCER_INDEX.setRelease(this, p + 1); // emitted inside our own request: see the field's note
            return;
        }
        producerIndex = p + 1;
        if (parked) {
            wakeConsumer();
        }
    }

    @Override
    public void onError(Throwable t) {
        if (t == null) {
            NullPointerException npe = new NullPointerException("onError called with null (Reactive Streams rule 2.13)");
            violation(npe);
            throw npe;
        }
        if (done || SUBSCRIPTION.getVolatile(this) == CANCELLED) {
            WeftHooks.onUndeliverableError(t); // after cancel or a terminal signal: nobody to tell
            return;
        }
        error = t;
        done = true;
        wakeConsumer();
    }

    @Override
    public void onComplete() {
        if (done) {
            return;
        }
        done = true;
        wakeConsumer();
    }

    private void violation(Throwable e) {
        if (done) {
            return;
        }
        error = e;
        broken = true;
        done = true;
        wakeConsumer();
    }

    private void wakeConsumer() {
        parked = false;
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
