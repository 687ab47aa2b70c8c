package dev.weft.tck;

import dev.weft.adapters.reactivestreams.ReactiveStreams;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;

/** streamToPublisher with the subscription tasks on a current-thread runtime. */
public class CurrentThreadStreamPublisherTckTest extends PublisherVerification<Long> {
    private final Sources.DrivenCurrentThread driven = new Sources.DrivenCurrentThread();

    public CurrentThreadStreamPublisherTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNAL_MILLIS), Tck.CLEANUP_MILLIS);
    }

    @AfterClass
    public void closeRuntime() {
        driven.close();
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return ReactiveStreams.deferredStreamToPublisher(() -> Sources.range(elements), driven.runtime);
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return Sources.failed(driven.runtime);
    }
}
