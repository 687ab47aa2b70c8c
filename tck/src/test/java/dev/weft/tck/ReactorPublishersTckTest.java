package dev.weft.tck;

import dev.weft.adapters.reactor.ReactorAdapters;
import org.reactivestreams.Publisher;

/** The Reactor-typed publishers: deferredStreamToFlux (a Flux over a fresh stream per subscriber). */
public class ReactorPublishersTckTest extends WeftPublisherVerification {
    @Override
    public Publisher<Long> createPublisher(long elements) {
        return ReactorAdapters.deferredStreamToFlux(() -> Sources.range(elements), runtime);
    }
}
