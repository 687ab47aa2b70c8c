package dev.weft.tck;

import dev.weft.adapters.reactivestreams.ReactiveStreams;
import dev.weft.adapters.reactivestreams.StreamOptions;
import dev.weft.adapters.reactivestreams.StreamSubscriber;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.AsyncStream;
import dev.weft.sync.AsyncSemaphore;
import dev.weft.sync.Notify;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.reactivestreams.tck.SubscriberWhiteboxVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;

/**
 * subscriberToStream with strict pull, seen from inside: the probe records every signal, and the
 * puppet's triggerRequest(n) lets the consuming task take n more items (each take is what makes
 * the stream request), signalCancel() makes that task cancel the stream.
 */
public class StreamSubscriberWhiteboxTckTest extends SubscriberWhiteboxVerification<Integer> {
    private final WeftRuntime runtime = Sources.multiThread();

    public StreamSubscriberWhiteboxTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNAL_MILLIS));
    }

    @AfterClass
    public void closeRuntime() {
        runtime.close();
    }

    @Override
    public Subscriber<Integer> createSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
        StreamSubscriber<Integer> inner = ReactiveStreams.subscriberToStream(StreamOptions.strictPull());
        AsyncSemaphore credits = new AsyncSemaphore(0);
        Consumer consumer = new Consumer(inner.stream(), credits);
        runtime.spawn(consumer);
        return new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                inner.onSubscribe(s);
                probe.registerOnSubscribe(new SubscriberPuppet() {
                    @Override
                    public void triggerRequest(long elements) {
                        credits.release((int) Math.min(elements, Integer.MAX_VALUE / 2));
                    }

                    @Override
                    public void signalCancel() {
                        consumer.cancelRequested = true;
                        consumer.cancelSignal.notifyWaiters(); // wakes the consumer, which then cancels
                    }
                });
            }

            @Override
            public void onNext(Integer item) {
                inner.onNext(item);
                probe.registerOnNext(item);
            }

            @Override
            public void onError(Throwable t) {
                inner.onError(t);
                probe.registerOnError(t);
            }

            @Override
            public void onComplete() {
                inner.onComplete();
                probe.registerOnComplete();
            }
        };
    }

    /** Takes one item from the stream per credit; cancels the stream when asked. */
    static final class Consumer implements Future<Void> {
        private final AsyncStream<Integer> stream;
        private final AsyncSemaphore credits;
        private Future<Void> credit;
        final Notify cancelSignal = new Notify();
        private Future<Void> cancelled = cancelSignal.notified();
        volatile boolean cancelRequested;

        Consumer(AsyncStream<Integer> stream, AsyncSemaphore credits) {
            this.stream = stream;
            this.credits = credits;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            for (;;) {
                if (cancelRequested || cancelled.poll(cx).isReady()) {
                    stream.cancel();
                    return Poll.ready(null);
                }
                if (credit == null) {
                    credit = credits.acquire();
                }
                if (credit.poll(cx).isPending()) {
                    return Poll.pending();
                }
                Poll<Integer> p;
                try {
                    p = stream.pollNext(cx);
                } catch (RuntimeException e) {
                    return Poll.ready(null); // the error reached the probe through onError
                }
                if (p.isPending()) {
                    credits.release(); // keep this credit for the next poll
                    credit = null;
                    return Poll.pending();
                }
                credit = null;
                if (p.value() == null) {
                    return Poll.ready(null);
                }
            }
        }
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
