package dev.weft.adapters.reactivestreams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Futures;
import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.AsyncStream;
import dev.weft.stream.Streams;
import dev.weft.testing.NoUndeliverableErrors;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Issue 10's fault injection at the bridges: subscribers that throw from onSubscribe or onNext
 * (rule 2.13), a publisher that throws from request (rule 3.16). Each fault reaches the stream or
 * WeftHooks exactly once, the other side is cancelled, and the runtime keeps working.
 */
@ExtendWith(NoUndeliverableErrors.class)
class FaultInjectionTest {
    private final WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build();

    @AfterEach
    void close() {
        rt.close();
    }

    /** A stream that records its cancellation. */
    static AsyncStream<Integer> cancellable(List<Integer> items, CountDownLatch cancelled) {
        AsyncStream<Integer> inner = Streams.fromIterable(items);
        return new AsyncStream<>() {
            @Override
            public dev.weft.future.Poll<Integer> pollNext(dev.weft.future.Context cx) {
                return inner.pollNext(cx);
            }

            @Override
            public void cancel() {
                cancelled.countDown();
            }
        };
    }

    static Subscriber<Integer> throwingSubscriber(RuntimeException boom, boolean inOnSubscribe) {
        return new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                if (inOnSubscribe) {
                    throw boom;
                }
                s.request(10);
            }

            @Override
            public void onNext(Integer item) {
                throw boom;
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onComplete() {}
        };
    }

    @Test
    void aSubscriberThatThrowsIsCancelledAndTheErrorReachesTheHookOnce() throws Exception {
        for (boolean inOnSubscribe : new boolean[] {true, false}) {
            RuntimeException boom = new RuntimeException("subscriber bug");
            CountDownLatch cancelled = new CountDownLatch(1);
            Publisher<Integer> p = ReactiveStreams.streamToPublisher(cancellable(List.of(1, 2, 3), cancelled), rt);
            p.subscribe(throwingSubscriber(boom, inOnSubscribe));
            assertTrue(cancelled.await(10, TimeUnit.SECONDS), "the stream was not cancelled");
            List<Throwable> reported = NoUndeliverableErrors.take();
            assertEquals(1, reported.size(), "exactly once: " + reported);
            assertSame(boom, reported.get(0).getCause());
            assertTrue(reported.get(0).getMessage().contains("rule 2.13"));
        }
        // The runtime keeps working.
        assertEquals(3, rt.blockOn(rt.spawn(Futures.lazy(() -> 3))));
    }

    @Test
    void aPublisherThatThrowsFromRequestFailsTheStreamAndIsCancelled() {
        IllegalStateException boom = new IllegalStateException("publisher bug");
        AtomicBoolean cancelled = new AtomicBoolean();
        Publisher<Integer> broken = s -> s.onSubscribe(new Subscription() {
            @Override
            public void request(long n) {
                throw boom;
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        });
        AsyncStream<Integer> stream = ReactiveStreams.publisherToStream(broken);
        assertSame(boom, assertThrows(IllegalStateException.class, () -> rt.blockOn(Streams.collect(stream))));
        assertTrue(cancelled.get(), "a publisher that broke rule 3.16 is cancelled");
        assertEquals(IntStream.range(0, 5).boxed().toList(),
                rt.blockOn(Streams.collect(ReactiveStreams.publisherToStream(
                        ReactiveStreams.deferredStreamToPublisher(() -> Streams.fromIterable(IntStream.range(0, 5).boxed().toList()), rt)))),
                "the runtime keeps working");
    }

    @Test
    void aWakerThatThrowsNeverThrowsIntoTheSignalsCaller() {
        TestPublishers.Manual publisher = new TestPublishers.Manual(true);
        AsyncStream<Integer> stream = ReactiveStreams.publisherToStream(publisher);
        IllegalStateException boom = new IllegalStateException("waker failed");
        dev.weft.future.Context throwing = dev.weft.future.Context.of(() -> {
            throw boom;
        });
        // Subscribes (onSubscribe wakes the poller: the first throw), requests, and parks.
        assertTrue(stream.pollNext(throwing).isPending());
        assertTrue(publisher.requested.get() > 0);
        publisher.subscriber.onNext(7); // wakes the poller again: must not throw (rule 2.13)
        assertEquals(List.of(boom, boom), NoUndeliverableErrors.take(), "each failed wake reported once");
        assertEquals(7, stream.pollNext(dev.weft.future.Context.of(() -> {})).value(), "the item was kept");
        stream.cancel();
        assertTrue(publisher.cancelled);
    }
}
