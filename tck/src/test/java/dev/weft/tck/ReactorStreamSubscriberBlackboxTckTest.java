package dev.weft.tck;

import dev.weft.adapters.reactor.ReactorAdapters;
import dev.weft.stream.AsyncStream;
import java.util.function.Consumer;
import org.reactivestreams.Subscriber;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;

/** The CoreSubscriber that fluxToStream gives a Flux. */
public class ReactorStreamSubscriberBlackboxTckTest extends CapturedSubscriberBlackbox {
    @Override
    AsyncStream<Integer> streamOverCapturingSource(Consumer<Subscriber<Integer>> capture) {
        return ReactorAdapters.fluxToStream(new Flux<Integer>() {
            @Override
            @SuppressWarnings("unchecked")
            public void subscribe(CoreSubscriber<? super Integer> actual) {
                capture.accept((Subscriber<Integer>) actual);
            }
        });
    }
}
