package dev.weft.adapters.reactivestreams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Context;
import dev.weft.future.Futures;
import dev.weft.future.Waker;
import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.AsyncStream;
import dev.weft.stream.Streams;
import dev.weft.sync.Mpsc;
import dev.weft.testing.MockTask;
import dev.weft.testing.NoUndeliverableErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

@ExtendWith(NoUndeliverableErrors.class)
class ReactiveStreamsTest {
    private final WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build();

    @AfterEach
    void close() {
        rt.close();
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    // ---- publisher -> stream

    @Test
    void aSynchronousPublisherIsReadThroughTheWindowAndRefilledAtThreeQuarters() {
        TestPublishers.Range p = new TestPublishers.Range(100, 0);
        AsyncStream<Integer> s = ReactiveStreams.publisherToStream(p, StreamOptions.prefetch(8));
        assertEquals(range(100), MockTask.of(Streams.collect(s)).pollReady());
        assertEquals(8L, p.requests.get(0), "the first request is the window");
        assertTrue(p.requests.subList(1, p.requests.size()).stream().allMatch(n -> n == 6),
                "then refills of 8 - 8/4 = 6: " + p.requests);
    }

    @Test
    void strictPullRequestsOneItemPerConsumedItem() {
        TestPublishers.Manual p = new TestPublishers.Manual(true);
        AsyncStream<Integer> s = ReactiveStreams.publisherToStream(p, StreamOptions.strictPull());
        MockTask<Integer> t = MockTask.of(cx -> s.pollNext(cx));
        t.pollPending();
        assertEquals(1, p.requested.get(), "one item asked for on the first poll");
        for (int i = 0; i < 5; i++) {
            p.subscriber.onNext(i);
            assertTrue(t.isWoken());
            assertEquals(i, t.pollReady());
            assertEquals(i + 1, p.requested.get(), "taking an item asks for nothing more");
            t.pollPending();
            assertEquals(i + 2, p.requested.get(), "the next poll asks for exactly one more");
        }
    }

    @Test
    void nothingIsRequestedBeforeTheFirstPoll() {
        TestPublishers.Manual p = new TestPublishers.Manual(true);
        ReactiveStreams.publisherToStream(p);
        assertNull(p.subscriber, "subscribes lazily");
    }

    @Test
    void anOverDeliveringPublisherIsCancelledAndTheStreamFailsNamingTheRule() {
        TestPublishers.Range p = new TestPublishers.Range(100, 1);
        AsyncStream<Integer> s = ReactiveStreams.publisherToStream(p, StreamOptions.prefetch(4));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MockTask.of(Streams.collect(s)).poll());
        assertTrue(e.getMessage().contains("rule 1.1"), e.getMessage());
        assertTrue(p.cancelled);
    }

    @Test
    void aNullOnNextThrowsAndFailsTheStream() {
        TestPublishers.Manual p = new TestPublishers.Manual(true);
        AsyncStream<Integer> s = ReactiveStreams.publisherToStream(p);
        MockTask<Integer> t = MockTask.of(cx -> s.pollNext(cx));
        t.pollPending();
        assertThrows(NullPointerException.class, () -> p.subscriber.onNext(null));
        NullPointerException e = assertThrows(NullPointerException.class, t::poll);
        assertTrue(e.getMessage().contains("rule 2.13"));
        assertTrue(p.cancelled);
    }

    @Test
    void signalsAfterCancelAreDroppedAndALateErrorGoesToTheHook() {
        TestPublishers.Manual p = new TestPublishers.Manual(true);
        AsyncStream<Integer> s = ReactiveStreams.publisherToStream(p);
        MockTask.of(cx -> s.pollNext(cx)).pollPending();
        s.cancel();
        assertTrue(p.cancelled);
        p.subscriber.onNext(1);
        RuntimeException late = new RuntimeException("late");
        p.subscriber.onError(late);
        assertEquals(List.of(late), NoUndeliverableErrors.take());
    }

    @Test
    void aPublisherThatNeverCallsOnSubscribeLeavesTheStreamPendingAndCancelStillWorks() {
        TestPublishers.Manual p = new TestPublishers.Manual(false);
        AsyncStream<Integer> s = ReactiveStreams.publisherToStream(p);
        MockTask<Integer> t = MockTask.of(cx -> s.pollNext(cx));
        t.pollPending();
        assertFalse(t.isWoken());
        s.cancel();
        p.subscriber.onSubscribe(p.subscription()); // arrives after the cancel
        assertTrue(p.cancelled, "a subscription that arrives after cancel is cancelled");
        assertEquals(0, p.requested.get());
    }

    @Test
    void aSecondOnSubscribeIsCancelled() {
        TestPublishers.Manual p = new TestPublishers.Manual(true);
        AsyncStream<Integer> s = ReactiveStreams.publisherToStream(p);
        MockTask.of(cx -> s.pollNext(cx)).pollPending();
        AtomicReference<Boolean> cancelled = new AtomicReference<>(false);
        p.subscriber.onSubscribe(new Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        });
        assertTrue(cancelled.get());
    }

    @Test
    void onNextRacingThePollerLosesNoItemAndNoWakeup() throws Exception {
        for (int round = 0; round < 300; round++) {
            TestPublishers.Manual p = new TestPublishers.Manual(true);
            AsyncStream<Integer> s = ReactiveStreams.publisherToStream(p, StreamOptions.prefetch(16));
            var sum = rt.spawn(Streams.fold(s, 0L, (acc, v) -> acc + v));
            // Feed from this thread while a worker polls; respect demand as a publisher must.
            int sent = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (p.subscriber == null || sent < 1_000) {
                if (p.subscriber != null && sent < p.requested.get()) {
                    p.subscriber.onNext(sent++);
                } else {
                    Thread.onSpinWait();
                }
                assertTrue(System.nanoTime() < deadline, "the poller stopped requesting: a lost wakeup");
            }
            p.subscriber.onComplete();
            assertEquals(999L * 1000 / 2, rt.blockOn(sum));
        }
    }

    // ---- stream -> publisher

    /** Records signals and checks they never overlap. */
    static final class Recorder<T> implements Subscriber<T> {
        final List<T> items = java.util.Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch terminated = new CountDownLatch(1);
        final CountDownLatch subscribed = new CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicLong requested = new java.util.concurrent.atomic.AtomicLong();
        volatile CountDownLatch itemsWanted = new CountDownLatch(0);
        volatile boolean overDelivered;
        final java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
        volatile Throwable error;
        volatile boolean completed;
        volatile Subscription subscription;
        volatile boolean overlapped;

        @Override
        public void onSubscribe(Subscription s) {
            enter();
            subscription = s;
            subscribed.countDown();
            leave();
        }

        @Override
        public void onNext(T t) {
            enter();
            items.add(t);
            if (items.size() > requested.get()) {
                overDelivered = true;
            }
            itemsWanted.countDown();
            leave();
        }

        @Override
        public void onError(Throwable t) {
            enter();
            error = t;
            terminated.countDown();
            leave();
        }

        @Override
        public void onComplete() {
            enter();
            completed = true;
            terminated.countDown();
            leave();
        }

        private void enter() {
            if (inside.incrementAndGet() != 1) {
                overlapped = true;
            }
        }

        private void leave() {
            inside.decrementAndGet();
        }

        Subscription awaitSubscription() throws InterruptedException {
            assertTrue(subscribed.await(10, TimeUnit.SECONDS), "no onSubscribe");
            return new Subscription() { // counts what was asked for, so onNext can check it
                @Override
                public void request(long n) {
                    requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                    subscription.request(n);
                }

                @Override
                public void cancel() {
                    subscription.cancel();
                }
            };
        }
    }

    @Test
    void aStreamPublisherEmitsOnlyWhatWasRequested() throws Exception {
        Recorder<Integer> r = new Recorder<>();
        ReactiveStreams.streamToPublisher(Streams.fromIterable(range(10)), rt).subscribe(r);
        Subscription s = r.awaitSubscription();
        r.itemsWanted = new CountDownLatch(5);
        s.request(3);
        s.request(2);
        assertTrue(r.itemsWanted.await(10, TimeUnit.SECONDS));
        assertEquals(range(5), r.items);
        assertFalse(r.overDelivered, "an item arrived beyond the demand");
        s.request(Long.MAX_VALUE);
        s.request(Long.MAX_VALUE); // capped, not overflowed
        assertTrue(r.terminated.await(10, TimeUnit.SECONDS));
        assertTrue(r.completed);
        assertEquals(range(10), r.items);
        assertFalse(r.overlapped);
    }

    @Test
    void requestOfZeroSignalsIllegalArgumentNamingRule39() throws Exception {
        Recorder<Integer> r = new Recorder<>();
        ReactiveStreams.streamToPublisher(Streams.fromIterable(range(10)), rt).subscribe(r);
        r.awaitSubscription().request(0);
        assertTrue(r.terminated.await(10, TimeUnit.SECONDS));
        assertTrue(r.error instanceof IllegalArgumentException);
        assertTrue(r.error.getMessage().contains("rule 3.9"));
    }

    @Test
    void cancelCancelsTheStreamAndDropsTheSubscriber() throws Exception {
        CountDownLatch streamCancelled = new CountDownLatch(1);
        AsyncStream<Integer> never = new AsyncStream<>() {
            @Override
            public dev.weft.future.Poll<Integer> pollNext(Context cx) {
                return dev.weft.future.Poll.pending();
            }

            @Override
            public void cancel() {
                streamCancelled.countDown();
            }
        };
        Recorder<Integer> r = new Recorder<>();
        ReactiveStreams.streamToPublisher(never, rt).subscribe(r);
        Subscription s = r.awaitSubscription();
        s.request(1);
        s.cancel();
        assertTrue(streamCancelled.await(10, TimeUnit.SECONDS));
    }

    @Test
    void requestFromInsideOnNextDoesNotRecurse() throws Exception {
        int n = 100_000;
        AtomicReference<Integer> maxDepth = new AtomicReference<>(0);
        CountDownLatch done = new CountDownLatch(1);
        ReactiveStreams.streamToPublisher(Streams.fromIterable(range(n)), rt).subscribe(new Subscriber<>() {
            private Subscription s;
            private int depth;

            @Override
            public void onSubscribe(Subscription s) {
                this.s = s;
                s.request(1);
            }

            @Override
            public void onNext(Integer item) {
                depth++;
                maxDepth.accumulateAndGet(depth, Math::max);
                s.request(1);
                depth--;
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(1, maxDepth.get());
    }

    @Test
    void requestAndCancelRacingOnNextFromOtherThreads() throws Exception {
        for (int round = 0; round < 2_000; round++) {
            Recorder<Integer> r = new Recorder<>();
            ReactiveStreams.streamToPublisher(Streams.fromIterable(range(50)), rt).subscribe(r);
            Subscription s = r.awaitSubscription();
            s.request(10);
            dev.weft.testing.Race.run(() -> s.request(5), s::cancel);
            // After the cancel the emitter stops; at most the 15 requested items ever arrive.
            assertTrue(r.items.size() <= 15, "over-delivered: " + r.items.size());
            assertFalse(r.overDelivered, "an item arrived beyond the demand");
            assertFalse(r.overlapped, "signals overlapped");
        }
    }

    @Test
    void aSecondSubscriberOfAOneStreamPublisherIsRefusedPerRule19() throws Exception {
        Publisher<Integer> p = ReactiveStreams.streamToPublisher(Streams.fromIterable(range(3)), rt);
        p.subscribe(new Recorder<>());
        Recorder<Integer> second = new Recorder<>();
        p.subscribe(second);
        assertTrue(second.terminated.await(10, TimeUnit.SECONDS));
        assertTrue(second.error instanceof IllegalStateException);
        assertTrue(second.subscription != null, "onSubscribe came first");
    }

    // ---- futures, subscribers, round trips, Flow

    @Test
    void publisherFutures() {
        assertEquals(0, rt.blockOn(ReactiveStreams.publisherToFirst(new TestPublishers.Range(5, 0))));
        assertEquals(4, rt.blockOn(ReactiveStreams.publisherToLast(new TestPublishers.Range(5, 0))));
        assertEquals(range(5), rt.blockOn(ReactiveStreams.publisherToList(new TestPublishers.Range(5, 0))));
        assertEquals(0, rt.blockOn(ReactiveStreams.publisherToSingle(new TestPublishers.Range(1, 0))));
        TestPublishers.Range two = new TestPublishers.Range(2, 0);
        assertThrows(IllegalArgumentException.class, () -> rt.blockOn(ReactiveStreams.publisherToSingle(two)));
        assertTrue(two.cancelled);
        assertThrows(NoSuchElementException.class, () -> rt.blockOn(ReactiveStreams.publisherToFirst(new TestPublishers.Range(0, 0))));
        assertThrows(NoSuchElementException.class, () -> rt.blockOn(ReactiveStreams.publisherToSingle(new TestPublishers.Range(0, 0))));
        TestPublishers.Range first = new TestPublishers.Range(5, 0);
        rt.blockOn(ReactiveStreams.publisherToFirst(first));
        assertEquals(List.of(1L), first.requests, "first requests one");
        assertTrue(first.cancelled, "and then cancels");
    }

    @Test
    void futureToPublisherEmitsTheValueOrNothing() {
        Publisher<Integer> one = ReactiveStreams.futureToPublisher(Futures.ready(7), rt);
        assertEquals(List.of(7), rt.blockOn(ReactiveStreams.publisherToList(one)));
        Publisher<Integer> none = ReactiveStreams.futureToPublisher(Futures.ready(null), rt);
        assertEquals(List.of(), rt.blockOn(ReactiveStreams.publisherToList(none)));
    }

    @Test
    void subscriberToSinkFeedsABoundedChannel() {
        Mpsc<Integer> ch = Mpsc.bounded(4);
        new TestPublishers.Range(1000, 0).subscribe(ReactiveStreams.subscriberToSink(ch.sender(), rt));
        assertEquals(range(1000), rt.blockOn(Streams.collect(ch.receiver())));
    }

    @Test
    void roundTripsHandBackTheOriginal() {
        AsyncStream<Integer> stream = Streams.fromIterable(range(3));
        assertSame(stream, ReactiveStreams.publisherToStream(ReactiveStreams.streamToPublisher(stream, rt)));
        Publisher<Integer> publisher = new TestPublishers.Range(3, 0);
        assertSame(publisher, ReactiveStreams.streamToPublisher(ReactiveStreams.publisherToStream(publisher), rt));
        Flow.Publisher<Integer> flow = ReactiveStreams.streamToFlowPublisher(stream, rt);
        assertSame(stream, ReactiveStreams.flowPublisherToStream(flow));
    }

    @Test
    void flowPublishersAreReadThroughTheSameBridge() {
        Flow.Publisher<Integer> flow = org.reactivestreams.FlowAdapters.toFlowPublisher(new TestPublishers.Range(100, 0));
        assertEquals(range(100), rt.blockOn(Streams.collect(ReactiveStreams.flowPublisherToStream(flow))));
        StreamSubscriber<Integer> sub = ReactiveStreams.subscriberToStream();
        flow.subscribe(ReactiveStreams.toFlowSubscriber(sub));
        assertEquals(range(100), rt.blockOn(Streams.collect(sub.stream())));
    }

    @Test
    void badInput() {
        assertThrows(NullPointerException.class, () -> ReactiveStreams.publisherToStream(null));
        assertThrows(NullPointerException.class, () -> ReactiveStreams.streamToPublisher(null, rt));
        assertThrows(NullPointerException.class, () -> ReactiveStreams.streamToPublisher(Streams.empty(), null));
        assertThrows(IllegalArgumentException.class, () -> StreamOptions.prefetch(0));
        assertThrows(IllegalArgumentException.class, () -> StreamOptions.prefetch(4).refillAfter(5));
        Publisher<Integer> p = ReactiveStreams.streamToPublisher(Streams.empty(), rt);
        assertThrows(NullPointerException.class, () -> p.subscribe(null));
    }
}
