package dev.weft.adapters.rxjava;

import io.reactivex.rxjava3.core.Flowable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;

/** A Flowable over a publisher made by the Reactive Streams bridge, kept for the round trip. */
final class StreamFlowable<T> extends Flowable<T> {
    final Publisher<T> source;

    StreamFlowable(Publisher<T> source) {
        this.source = source;
    }

    @Override
    protected void subscribeActual(Subscriber<? super T> subscriber) {
        source.subscribe(subscriber);
    }
}
