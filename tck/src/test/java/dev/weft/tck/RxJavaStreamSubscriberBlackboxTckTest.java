package dev.weft.tck;

import dev.weft.adapters.rxjava.RxJavaAdapters;
import dev.weft.stream.AsyncStream;
import io.reactivex.rxjava3.core.Flowable;
import java.util.function.Consumer;
import org.reactivestreams.Subscriber;

/** The FlowableSubscriber that flowableToStream gives a Flowable. */
public class RxJavaStreamSubscriberBlackboxTckTest extends CapturedSubscriberBlackbox {
    @Override
    AsyncStream<Integer> streamOverCapturingSource(Consumer<Subscriber<Integer>> capture) {
        return RxJavaAdapters.flowableToStream(new Flowable<Integer>() {
            @Override
            @SuppressWarnings("unchecked")
            protected void subscribeActual(Subscriber<? super Integer> actual) {
                capture.accept((Subscriber<Integer>) actual);
            }
        });
    }
}
