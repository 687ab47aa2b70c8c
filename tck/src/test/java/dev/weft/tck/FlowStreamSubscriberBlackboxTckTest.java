package dev.weft.tck;

import dev.weft.adapters.reactivestreams.ReactiveStreams;
import dev.weft.adapters.reactivestreams.StreamSubscriber;
import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.Streams;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;
import org.testng.annotations.AfterClass;

/** subscriberToStream as a Flow.Subscriber, checked by the Flow edition of the TCK. */
public class FlowStreamSubscriberBlackboxTckTest extends FlowSubscriberBlackboxVerification<Integer> {
    private final WeftRuntime runtime = Sources.multiThread();

    public FlowStreamSubscriberBlackboxTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNAL_MILLIS));
    }

    @AfterClass
    public void closeRuntime() {
        runtime.close();
    }

    @Override
    public Flow.Subscriber<Integer> createFlowSubscriber() {
        StreamSubscriber<Integer> s = ReactiveStreams.subscriberToStream();
        runtime.spawn(Streams.forEach(s.stream(), item -> {}));
        return ReactiveStreams.toFlowSubscriber(s);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
