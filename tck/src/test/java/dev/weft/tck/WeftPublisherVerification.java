package dev.weft.tck;

import dev.weft.runtime.WeftRuntime;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;

/**
 * The common frame of the publisher verifications: a two-worker runtime closed after the class,
 * the shared time limits, and the error-state publisher. Subclasses say how to make a publisher
 * of n elements.
 */
public abstract class WeftPublisherVerification extends PublisherVerification<Long> {
    protected final WeftRuntime runtime = Sources.multiThread();

    protected WeftPublisherVerification() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNAL_MILLIS), Tck.CLEANUP_MILLIS);
    }

    @AfterClass
    public void closeRuntime() {
        runtime.close();
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return Sources.failed(runtime);
    }
}
