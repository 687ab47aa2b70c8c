package dev.weft.tck;

import dev.weft.adapters.reactivestreams.ReactiveStreams;
import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.Streams;
import dev.weft.sync.Mpsc;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;

/** A stream read from a bounded Mpsc that a producer task fills, as a publisher. */
public class ChannelStreamPublisherTckTest extends PublisherVerification<Long> {
    private final WeftRuntime runtime = Sources.multiThread();

    public ChannelStreamPublisherTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNAL_MILLIS), Tck.CLEANUP_MILLIS);
    }

    @AfterClass
    public void closeRuntime() {
        runtime.close();
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return ReactiveStreams.deferredStreamToPublisher(() -> {
            Mpsc<Long> ch = Mpsc.bounded(16);
            runtime.spawn(Streams.forward(Sources.range(elements), ch.sender()));
            return ch.receiver();
        }, runtime);
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return Sources.failed(runtime);
    }
}
