package dev.weft.tck;

import dev.weft.adapters.reactivestreams.ReactiveStreams;
import org.reactivestreams.Publisher;

/** deferredStreamToPublisher: a cold publisher, a fresh stream per subscriber (multi-subscribe). */
public class DeferredStreamPublisherTckTest extends WeftPublisherVerification {
    @Override
    public Publisher<Long> createPublisher(long elements) {
        return ReactiveStreams.deferredStreamToPublisher(() -> Sources.range(elements), runtime);
    }
}
