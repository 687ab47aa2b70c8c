package dev.weft.tck;

import dev.weft.adapters.reactor.ReactorAdapters;
import dev.weft.future.Futures;
import org.reactivestreams.Publisher;

/** futureToMono: a cold Mono, a task per subscription, at most one item. */
public class MonoFutureTckTest extends WeftPublisherVerification {
    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return ReactorAdapters.futureToMono(() -> Futures.lazy(() -> elements == 0 ? null : 42L), runtime);
    }
}
