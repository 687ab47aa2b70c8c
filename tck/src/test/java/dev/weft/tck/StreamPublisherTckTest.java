package dev.weft.tck;

import dev.weft.adapters.reactivestreams.ReactiveStreams;
import org.reactivestreams.Publisher;

/** streamToPublisher over a lazy iterable stream, on the multi-thread executor. */
public class StreamPublisherTckTest extends WeftPublisherVerification {
    @Override
    public Publisher<Long> createPublisher(long elements) {
        return ReactiveStreams.streamToPublisher(Sources.range(elements), runtime);
    }
}
