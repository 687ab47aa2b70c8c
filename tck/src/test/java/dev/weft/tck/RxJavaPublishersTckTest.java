package dev.weft.tck;

import dev.weft.adapters.rxjava.RxJavaAdapters;
import org.reactivestreams.Publisher;

/** The RxJava-typed publishers: deferredStreamToFlowable (a fresh stream per subscriber). */
public class RxJavaPublishersTckTest extends WeftPublisherVerification {
    @Override
    public Publisher<Long> createPublisher(long elements) {
        return RxJavaAdapters.deferredStreamToFlowable(() -> Sources.range(elements), runtime);
    }
}
