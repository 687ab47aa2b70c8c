package dev.weft.tck;

import dev.weft.adapters.rxjava.RxJavaAdapters;
import dev.weft.future.Futures;
import org.reactivestreams.Publisher;

/** futureToMaybe as a Flowable: a cold, task-per-subscription source of at most one item. */
public class MaybeFutureTckTest extends WeftPublisherVerification {
    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return RxJavaAdapters.futureToMaybe(() -> Futures.lazy(() -> elements == 0 ? null : 42L), runtime).toFlowable();
    }
}
