package dev.weft.tck;

import dev.weft.adapters.reactivestreams.ReactiveStreams;
import dev.weft.runtime.WeftRuntime;
import java.util.concurrent.Flow;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;

/** streamToFlowPublisher, checked by the Flow edition of the TCK. */
public class FlowStreamPublisherTckTest extends FlowPublisherVerification<Long> {
    private final WeftRuntime runtime = Sources.multiThread();

    public FlowStreamPublisherTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNAL_MILLIS), Tck.CLEANUP_MILLIS);
    }

    @AfterClass
    public void closeRuntime() {
        runtime.close();
    }

    @Override
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        return ReactiveStreams.streamToFlowPublisher(Sources.range(elements), runtime);
    }

    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        return FlowAdapters.toFlowPublisher(Sources.failed(runtime));
    }
}
