package dev.weft.tck;

import dev.weft.adapters.reactivestreams.ReactiveStreams;
import dev.weft.future.Futures;
import org.reactivestreams.Publisher;

/** futureToPublisher: zero or one item. */
public class FuturePublisherTckTest extends WeftPublisherVerification {
    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        // A null value is "no item": the publisher completes empty.
        return ReactiveStreams.futureToPublisher(Futures.lazy(() -> elements == 0 ? null : 42L), runtime);
    }
}
