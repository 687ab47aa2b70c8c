package dev.weft.benchmarks;

import dev.weft.adapters.reactivestreams.ReactiveStreams;
import dev.weft.adapters.reactivestreams.StreamOptions;
import dev.weft.adapters.reactor.ReactorAdapters;
import dev.weft.adapters.rxjava.RxJavaAdapters;
import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.AsyncStream;
import dev.weft.stream.Streams;
import java.util.Locale;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * W5: Flux.range(0, 10,000,000) -> Weft stream -> back to a Publisher, summed downstream. The
 * Weft stage is one map(identity) on the stream (without it, the round trip would hand back the
 * Flux itself and measure nothing). Peers: the direct Flux.range sum, and publishOn(single, 256),
 * the Reactor way to put a thread boundary in the same place.
 */
final class W5RoundTrip {
    static final int N = 10_000_000;
    static final long EXPECTED = (long) N * (N - 1) / 2;

    private W5RoundTrip() {}

    static void w5() {
        Harness h = new Harness("W5", "items/s", N, EXPECTED);
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            h.measure("weft", () -> roundTrip(rt, StreamOptions.defaults()));
            // The same through the Reactor adapter's fluxToStream / streamToFlux.
            h.measure("weft-reactor", () -> ReactorAdapters.streamToFlux(
                    Streams.map(ReactorAdapters.fluxToStream(Flux.range(0, N)), v -> v), rt)
                    .reduce(0L, (s, v) -> s + v).block());
            // And through the RxJava adapter's flowableToStream / streamToFlowable.
            h.measure("weft-rxjava", () -> RxJavaAdapters.streamToFlowable(
                    Streams.map(RxJavaAdapters.flowableToStream(io.reactivex.rxjava3.core.Flowable.range(0, N)), v -> v), rt)
                    .reduce(0L, (s, v) -> s + v).blockingGet());
            if (Boolean.getBoolean("w5.prefetchSweep")) {
                for (int p : new int[] {16, 32, 64, 128, 256, 512, 1024}) {
                    Harness sweep = new Harness("W5-prefetch-" + p, "items/s", N, EXPECTED);
                    sweep.measure("weft", () -> roundTrip(rt, StreamOptions.prefetch(p)));
                }
            }
        }
        // RxJava's peer: Flowable.fromPublisher over a foreign publisher (Flux.range), summed.
        h.measure("flowable-fromPublisher", () -> io.reactivex.rxjava3.core.Flowable.fromPublisher(Flux.range(0, N))
                .reduce(0L, (s, v) -> s + v).blockingGet());
        h.measure("flux-direct", () -> Flux.range(0, N).reduce(0L, (s, v) -> s + v).block());
        Scheduler single = Schedulers.newSingle("w5-single");
        h.measure("flux-publishOn-256", () -> Flux.range(0, N).publishOn(single, 256).reduce(0L, (s, v) -> s + v).block());
        single.dispose();
        h.printRatio();
        // A Flux user goes through the Reactor adapter, which Reactor does not wrap in a
        // StrictSubscriber; the generic bridge pays that wrapper on every item.
        System.out.printf(Locale.ROOT, "RATIO W5 weft-reactor/flux-direct=%.2f weft/flux-direct=%.2f%n",
                h.median("weft-reactor") / h.median("flux-direct"), h.median("weft") / h.median("flux-direct"));
        System.out.printf(Locale.ROOT, "NOTE W5 goal: the round trip at least 0.5x flux-direct; default prefetch %d%n",
                StreamOptions.DEFAULT_PREFETCH);
    }

    static long roundTrip(WeftRuntime rt, StreamOptions options) {
        AsyncStream<Integer> stream = Streams.map(ReactiveStreams.publisherToStream(Flux.range(0, N), options), v -> v);
        return Flux.from(ReactiveStreams.streamToPublisher(stream, rt)).reduce(0L, (s, v) -> s + v).block();
    }
}
