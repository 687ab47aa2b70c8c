package dev.weft.tck;

import dev.weft.adapters.reactivestreams.ReactiveStreams;
import dev.weft.adapters.reactivestreams.StreamSubscriber;
import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.Streams;
import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberBlackboxVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;

/** subscriberToStream, consumed by a task that drains its stream. */
public class StreamSubscriberBlackboxTckTest extends SubscriberBlackboxVerification<Integer> {
    private final WeftRuntime runtime = Sources.multiThread();

    public StreamSubscriberBlackboxTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNAL_MILLIS));
    }

    @AfterClass
    public void closeRuntime() {
        runtime.close();
    }

    @Override
    public Subscriber<Integer> createSubscriber() {
        StreamSubscriber<Integer> s = ReactiveStreams.subscriberToStream();
        runtime.spawn(Streams.forEach(s.stream(), item -> {}));
        return s;
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
