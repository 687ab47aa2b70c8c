package dev.weft.tck;

import dev.weft.adapters.reactivestreams.ReactiveStreams;
import dev.weft.stream.Streams;
import dev.weft.sync.Mpsc;
import org.reactivestreams.Publisher;

/** A stream read from a bounded Mpsc that a producer task fills, as a publisher. */
public class ChannelStreamPublisherTckTest extends WeftPublisherVerification {
    @Override
    public Publisher<Long> createPublisher(long elements) {
        return ReactiveStreams.deferredStreamToPublisher(() -> {
            Mpsc<Long> ch = Mpsc.bounded(16);
            runtime.spawn(Streams.forward(Sources.range(elements), ch.sender()));
            return ch.receiver();
        }, runtime);
    }
}
