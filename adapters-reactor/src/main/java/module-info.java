/**
 * Reactor {@code Mono} and {@code Flux} to and from Weft futures and streams, and the Weft runtime
 * as a Reactor {@code Scheduler}: {@link dev.weft.adapters.reactor.ReactorAdapters}.
 */
module dev.weft.adapters.reactor {
    requires transitive dev.weft.adapters.reactivestreams;
    requires transitive reactor.core;

    exports dev.weft.adapters.reactor;
}
