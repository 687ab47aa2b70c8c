package dev.weft.adapters.rxjava;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.FlowableSubscriber;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A Flowable as the source of a stream, subscribed with a {@link FlowableSubscriber}. RxJava wraps
 * any other subscriber in a {@code StrictSubscriber}, which serializes every signal with atomic
 * operations per item against a publisher that might break the specification; RxJava's own
 * operators keep it, and the stream checks what it relies on itself (at most the requested
 * items, no nulls).
 */
final class TrustedFlowable<T> implements Publisher<T> {
    final Flowable<T> flowable;

    TrustedFlowable(Flowable<T> flowable) {
        this.flowable = flowable;
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        flowable.subscribe(new Relaxed<>(subscriber));
    }

    /** Passes every signal on; a subscriber made by the Reactive Streams bridge only. */
    static final class Relaxed<T> implements FlowableSubscriber<T> {
        private final Subscriber<? super T> actual;

        Relaxed(Subscriber<? super T> actual) {
            this.actual = actual;
        }

        @Override
        public void onSubscribe(Subscription s) {
            actual.onSubscribe(s);
        }

        @Override
        public void onNext(T item) {
            actual.onNext(item);
        }

        @Override
        public void onError(Throwable error) {
            actual.onError(error);
        }

        @Override
        public void onComplete() {
            actual.onComplete();
        }
    }
}
