package dev.weft.tck;

import dev.weft.adapters.reactivestreams.ReactiveStreams;
import dev.weft.runtime.WeftRuntime;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;

/** deferredStreamToPublisher: a cold publisher, a fresh stream per subscriber (multi-subscribe). */
public class DeferredStreamPublisherTckTest extends PublisherVerification<Long> {
    private final WeftRuntime runtime = Sources.multiThread();

    public DeferredStreamPublisherTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNAL_MILLIS), Tck.CLEANUP_MILLIS);
    }

    @AfterClass
    public void closeRuntime() {
        runtime.close();
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return ReactiveStreams.deferredStreamToPublisher(() -> Sources.range(elements), runtime);
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return Sources.failed(runtime);
    }
}
