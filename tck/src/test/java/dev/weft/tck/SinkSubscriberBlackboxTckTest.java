package dev.weft.tck;

import dev.weft.adapters.reactivestreams.ReactiveStreams;
import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.Streams;
import dev.weft.sync.Mpsc;
import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberBlackboxVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;

/** subscriberToSink feeding a bounded Mpsc that a task drains. */
public class SinkSubscriberBlackboxTckTest extends SubscriberBlackboxVerification<Integer> {
    private final WeftRuntime runtime = Sources.multiThread();

    public SinkSubscriberBlackboxTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNAL_MILLIS));
    }

    @AfterClass
    public void closeRuntime() {
        runtime.close();
    }

    @Override
    public Subscriber<Integer> createSubscriber() {
        Mpsc<Integer> ch = Mpsc.bounded(8);
        runtime.spawn(Streams.forEach(ch.receiver(), item -> {}));
        return ReactiveStreams.subscriberToSink(ch.sender(), runtime);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
