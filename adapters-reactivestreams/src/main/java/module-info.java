/**
 * Reactive Streams ({@code org.reactivestreams}) and {@code java.util.concurrent.Flow} to and
 * from Weft streams and futures: {@link dev.weft.adapters.reactivestreams.ReactiveStreams}.
 */
module dev.weft.adapters.reactivestreams {
    requires transitive dev.weft.runtime;
    requires transitive org.reactivestreams;

    exports dev.weft.adapters.reactivestreams;
}
