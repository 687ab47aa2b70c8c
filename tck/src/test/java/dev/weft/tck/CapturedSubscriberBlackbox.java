package dev.weft.tck;

import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.AsyncStream;
import dev.weft.stream.Streams;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberBlackboxVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;

/**
 * The subscriber an adapter's stream gives its source, taken from a source that hands it to the
 * TCK instead of signalling; a task drains the stream. For the Reactor and RxJava adapters, which
 * subscribe with their library's own subscriber type (so the library does not wrap it).
 */
abstract class CapturedSubscriberBlackbox extends SubscriberBlackboxVerification<Integer> {
    private final WeftRuntime runtime = Sources.multiThread();

    CapturedSubscriberBlackbox() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNAL_MILLIS));
    }

    /** The adapter's stream over a source whose subscribe passes its subscriber to capture. */
    abstract AsyncStream<Integer> streamOverCapturingSource(Consumer<Subscriber<Integer>> capture);

    @AfterClass
    public void closeRuntime() {
        runtime.close();
    }

    @Override
    public Subscriber<Integer> createSubscriber() {
        CompletableFuture<Subscriber<Integer>> subscribed = new CompletableFuture<>();
        runtime.spawn(Streams.forEach(streamOverCapturingSource(subscribed::complete), item -> {}));
        try {
            return subscribed.get(Tck.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS); // on the stream's first poll
        } catch (Exception e) {
            throw new AssertionError("the stream did not subscribe on its first poll", e);
        }
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
