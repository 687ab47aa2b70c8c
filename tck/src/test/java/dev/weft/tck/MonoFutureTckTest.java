package dev.weft.tck;

import dev.weft.adapters.reactor.ReactorAdapters;
import dev.weft.future.Futures;
import dev.weft.runtime.WeftRuntime;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;

/** futureToMono: a cold Mono, a task per subscription, at most one item. */
public class MonoFutureTckTest extends PublisherVerification<Long> {
    private final WeftRuntime runtime = Sources.multiThread();

    public MonoFutureTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNAL_MILLIS), Tck.CLEANUP_MILLIS);
    }

    @AfterClass
    public void closeRuntime() {
        runtime.close();
    }

    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return ReactorAdapters.futureToMono(() -> Futures.lazy(() -> elements == 0 ? null : 42L), runtime);
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return Sources.failed(runtime);
    }
}
