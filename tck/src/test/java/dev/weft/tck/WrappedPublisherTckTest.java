package dev.weft.tck;

import dev.weft.adapters.reactivestreams.ReactiveStreams;
import dev.weft.stream.Streams;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.reactivestreams.Publisher;
import org.reactivestreams.example.unicast.AsyncIterablePublisher;
import org.testng.annotations.AfterClass;

/**
 * A foreign publisher (the specification's own example, AsyncIterablePublisher) read as a stream
 * with publisherToStream and published again with streamToPublisher: both bridges in one chain.
 * The map in between keeps the round trip from handing back the original publisher.
 */
public class WrappedPublisherTckTest extends WeftPublisherVerification {
    private final ExecutorService foreign = Executors.newFixedThreadPool(2);

    @AfterClass
    public void closeForeignPool() {
        foreign.shutdownNow();
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        Iterable<Long> items = Sources.rangeIterable(elements);
        return ReactiveStreams.deferredStreamToPublisher(() -> Streams.map(
                ReactiveStreams.publisherToStream(new AsyncIterablePublisher<>(items, foreign)), x -> x), runtime);
    }
}
