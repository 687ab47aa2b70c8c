package dev.weft.tck;

import dev.weft.adapters.reactor.ReactorAdapters;
import dev.weft.runtime.WeftRuntime;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;

/** The Reactor-typed publishers: deferredStreamToFlux (a Flux over a fresh stream per subscriber). */
public class ReactorPublishersTckTest extends PublisherVerification<Long> {
    private final WeftRuntime runtime = Sources.multiThread();

    public ReactorPublishersTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNAL_MILLIS), Tck.CLEANUP_MILLIS);
    }

    @AfterClass
    public void closeRuntime() {
        runtime.close();
    }

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return ReactorAdapters.deferredStreamToFlux(() -> Sources.range(elements), runtime);
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return Sources.failed(runtime);
    }
}
