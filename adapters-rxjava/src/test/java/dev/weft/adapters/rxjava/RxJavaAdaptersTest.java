package dev.weft.adapters.rxjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.runtime.WeftHooks;
import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.AsyncStream;
import dev.weft.stream.Streams;
import dev.weft.testing.MockTask;
import dev.weft.testing.NoUndeliverableErrors;
import dev.weft.testing.ProbeFuture;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.exceptions.MissingBackpressureException;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.subjects.PublishSubject;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Fails on any error sent to RxJavaPlugins.onError that a test did not expect. */
@ExtendWith(NoUndeliverableErrors.class)
class RxJavaAdaptersTest {
    private final WeftRuntime rt = WeftRuntime.builder().workerThreads(2).threadNamePrefix("weft-rx").build();
    private final List<Throwable> pluginErrors = new CopyOnWriteArrayList<>();

    @BeforeEach
    void watchPluginErrors() {
        RxJavaPlugins.setErrorHandler(pluginErrors::add);
    }

    @AfterEach
    void close() {
        rt.close();
        RxJavaPlugins.setErrorHandler(null);
        assertEquals(List.of(), pluginErrors, "no error may reach RxJavaPlugins.onError (a dispose is not an error)");
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    static void await(CountDownLatch latch, String what) throws InterruptedException {
        ProbeFuture.await(latch, what);
    }

    // ---- Rx -> futures

    @Test
    void singleMaybeAndCompletableAsFutures() {
        assertEquals("v", rt.blockOn(RxJavaAdapters.singleToFuture(Single.just("v"))));
        assertEquals(Optional.of(1), rt.blockOn(RxJavaAdapters.maybeToFuture(Maybe.just(1))));
        assertEquals(Optional.empty(), rt.blockOn(RxJavaAdapters.maybeToFuture(Maybe.empty())), "empty is its own outcome");
        assertNull(rt.blockOn(RxJavaAdapters.completableToFuture(Completable.complete())));
        IOException io = new IOException("x");
        assertSame(io, assertThrows(IOException.class, () -> MockTask.of(RxJavaAdapters.singleToFuture(Single.error(io))).poll()));
        assertEquals(3, (int) rt.blockOn(RxJavaAdapters.singleToFuture(Single.timer(5, TimeUnit.MILLISECONDS).map(x -> 3))));
    }

    @Test
    void cancellingTheFutureDisposesTheSourceAndSubscriptionIsLazy() {
        AtomicBoolean subscribed = new AtomicBoolean();
        AtomicBoolean disposed = new AtomicBoolean();
        Future<Object> f = RxJavaAdapters.singleToFuture(Single.never().doOnSubscribe(d -> subscribed.set(true)).doOnDispose(() -> disposed.set(true)));
        assertFalse(subscribed.get());
        MockTask.of(f).pollPending();
        assertTrue(subscribed.get());
        f.cancel();
        assertTrue(disposed.get());
    }

    // ---- futures -> Rx

    @Test
    void futuresAsColdSinglesMaybesAndCompletables() {
        AtomicInteger made = new AtomicInteger();
        Single<Integer> s = RxJavaAdapters.futureToSingle(() -> Futures.lazy(made::incrementAndGet), rt);
        assertEquals(0, made.get());
        s.test().awaitDone(10, TimeUnit.SECONDS).assertValue(1).assertComplete();
        s.test().awaitDone(10, TimeUnit.SECONDS).assertValue(2);
        RxJavaAdapters.futureToSingle(() -> Futures.ready(null), rt).test().awaitDone(10, TimeUnit.SECONDS)
                .assertError(java.util.NoSuchElementException.class);
        RxJavaAdapters.futureToMaybe(() -> Futures.ready(null), rt).test().awaitDone(10, TimeUnit.SECONDS).assertNoValues().assertComplete();
        RxJavaAdapters.futureToMaybe(() -> Futures.ready(4), rt).test().awaitDone(10, TimeUnit.SECONDS).assertValue(4);
        RxJavaAdapters.futureToCompletable(() -> Futures.ready("ignored"), rt).test().awaitDone(10, TimeUnit.SECONDS).assertComplete();
        IOException io = new IOException("boom");
        RxJavaAdapters.futureToSingle(() -> Futures.<Integer>failed(io), rt).test().awaitDone(10, TimeUnit.SECONDS).assertError(io);
    }

    @Test
    void disposingAbortsTheTaskWithoutAnError() throws Exception {
        ProbeFuture<String> work = new ProbeFuture<>();
        Disposable d = RxJavaAdapters.futureToSingle(() -> work, rt).subscribe(v -> {}, e -> {});
        await(work.polled, "the first poll");
        d.dispose();
        await(work.cancelled, "the abort");
    }

    @Test
    void aRuntimeThatShutsDownFailsTheSingle() {
        WeftRuntime doomed = WeftRuntime.builder().workerThreads(1).build();
        TestObserver<String> t = RxJavaAdapters.futureToSingle(ProbeFuture<String>::new, doomed).test();
        doomed.close();
        t.awaitDone(10, TimeUnit.SECONDS).assertError(CancellationException.class);
    }

    // ---- Flowable / Observable <-> streams

    @Test
    void streamToFlowableHonoursExplicitRequests() {
        TestSubscriber<Integer> ts = RxJavaAdapters.streamToFlowable(Streams.fromIterable(range(10)), rt).test(0);
        ts.assertNoValues();
        ts.request(3);
        ts.awaitCount(3);
        ts.assertValues(0, 1, 2);
        ts.request(Long.MAX_VALUE);
        ts.awaitDone(10, TimeUnit.SECONDS).assertValueCount(10).assertComplete();
    }

    @Test
    void cancellingTheSubscriberCancelsTheStream() throws Exception {
        CountDownLatch streamCancelled = new CountDownLatch(1);
        AsyncStream<Integer> never = new AsyncStream<>() {
            @Override
            public Poll<Integer> pollNext(Context cx) {
                return Poll.pending();
            }

            @Override
            public void cancel() {
                streamCancelled.countDown();
            }
        };
        TestSubscriber<Integer> ts = RxJavaAdapters.streamToFlowable(never, rt).test(1);
        ts.cancel();
        await(streamCancelled, "the stream's cancel");
    }

    @Test
    void flowableToStreamWindowsRequestsAndCancelsUpstream() {
        List<Long> requests = new CopyOnWriteArrayList<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        Flowable<Integer> f = Flowable.range(0, 1000).doOnRequest(requests::add).doOnCancel(() -> cancelled.set(true));
        AsyncStream<Integer> s = RxJavaAdapters.flowableToStream(f, dev.weft.adapters.reactivestreams.StreamOptions.prefetch(8));
        assertEquals(range(5), rt.blockOn(Streams.collect(Streams.take(s, 5))));
        assertEquals(8L, requests.get(0));
        assertTrue(cancelled.get());
    }

    @Test
    void roundTripHandsBackTheOriginalStream() {
        AsyncStream<Integer> s = Streams.fromIterable(range(3));
        assertSame(s, RxJavaAdapters.flowableToStream(RxJavaAdapters.streamToFlowable(s, rt)));
        assertEquals(range(3), rt.blockOn(Streams.collect(RxJavaAdapters.flowableToStream(
                RxJavaAdapters.deferredStreamToFlowable(() -> Streams.fromIterable(range(3)), rt)))));
    }

    @Test
    void aFlowableTurnedIntoAStreamAndBackIsThatFlowable() {
        Flowable<Integer> flowable = Flowable.range(0, 3);
        assertSame(flowable, RxJavaAdapters.streamToFlowable(RxJavaAdapters.flowableToStream(flowable), rt));
    }

    /**
     * RxJava wraps any subscriber that is not a FlowableSubscriber in a StrictSubscriber, atomic
     * operations per item; the stream subscribes as RxJava's own kind and checks the rules it
     * relies on itself.
     */
    @Test
    void flowableToStreamSubscribesAsAFlowableSubscriber() {
        List<org.reactivestreams.Subscriber<?>> seen = new CopyOnWriteArrayList<>();
        Flowable<Integer> source = new Flowable<>() {
            @Override
            protected void subscribeActual(org.reactivestreams.Subscriber<? super Integer> actual) {
                seen.add(actual);
                Flowable.range(0, 300).subscribe(actual);
            }
        };
        assertEquals(range(300), rt.blockOn(Streams.collect(RxJavaAdapters.flowableToStream(source))));
        assertEquals(TrustedFlowable.Relaxed.class, seen.get(0).getClass(), "not wrapped in RxJava's StrictSubscriber");
    }

    @Test
    void aFlowableThatSendsMoreThanRequestedIsCancelledAndTheStreamFailsNamingTheRule() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Flowable<Integer> flood = new Flowable<>() {
            @Override
            protected void subscribeActual(org.reactivestreams.Subscriber<? super Integer> actual) {
                actual.onSubscribe(new org.reactivestreams.Subscription() {
                    @Override
                    public void request(long n) {
                        for (int i = 0; i < 10 && !cancelled.get(); i++) {
                            actual.onNext(i); // ignores n: a broken Flowable
                        }
                    }

                    @Override
                    public void cancel() {
                        cancelled.set(true);
                    }
                });
            }
        };
        AsyncStream<Integer> s = RxJavaAdapters.flowableToStream(flood, dev.weft.adapters.reactivestreams.StreamOptions.prefetch(4));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MockTask.of(Streams.collect(s)).poll());
        assertTrue(e.getMessage().contains("rule 1.1"), e.getMessage());
        assertTrue(cancelled.get());
    }

    @Test
    void streamToObservableDeliversEverything() {
        RxJavaAdapters.streamToObservable(Streams.fromIterable(range(100)), rt).test()
                .awaitDone(10, TimeUnit.SECONDS).assertValueCount(100).assertComplete();
    }

    /** Emits 0..n-1 into the subject on this thread without waiting, with nobody reading yet. */
    static void burst(PublishSubject<Integer> subject, int n) {
        for (int i = 0; i < n; i++) {
            subject.onNext(i);
        }
        subject.onComplete();
    }

    @Test
    void observableOverflowStrategiesNeverBlockAndDoWhatTheySay() {
        // buffer(bound): within the bound nothing is lost...
        PublishSubject<Integer> a = PublishSubject.create();
        AsyncStream<Integer> buffered = RxJavaAdapters.observableToStream(a, ObservableOverflow.buffer(100));
        MockTask.of(cx -> buffered.pollNext(cx)).poll(); // subscribes
        burst(a, 50);
        assertEquals(range(50), rt.blockOn(Streams.collect(buffered)));

        // ...beyond it the stream fails with MissingBackpressureException.
        PublishSubject<Integer> b = PublishSubject.create();
        AsyncStream<Integer> tooSmall = RxJavaAdapters.observableToStream(b, ObservableOverflow.buffer(4));
        MockTask.of(cx -> tooSmall.pollNext(cx)).poll();
        burst(b, 50);
        assertThrows(MissingBackpressureException.class, () -> rt.blockOn(Streams.collect(tooSmall)));

        // dropOldest keeps the newest `bound`; dropLatest keeps the oldest and the very latest
        // (RxJava's DROP_LATEST replaces the newest buffered item); latest keeps one.
        assertEquals(List.of(46, 47, 48, 49), tail(ObservableOverflow.dropOldest(4)));
        assertEquals(List.of(1, 2, 3, 49), tail(ObservableOverflow.dropLatest(4)));
        assertEquals(List.of(49), tail(ObservableOverflow.latest()));
        PublishSubject<Integer> e = PublishSubject.create();
        AsyncStream<Integer> strict = RxJavaAdapters.observableToStream(e, ObservableOverflow.error());
        MockTask.of(cx -> strict.pollNext(cx)).poll();
        burst(e, 50);
        assertThrows(MissingBackpressureException.class, () -> rt.blockOn(Streams.collect(strict)));
    }

    /** What a stream reads after the first item, when 50 items arrive at once behind it. */
    private List<Integer> tail(ObservableOverflow overflow) {
        PublishSubject<Integer> subject = PublishSubject.create();
        AsyncStream<Integer> s = RxJavaAdapters.observableToStream(subject, overflow);
        MockTask<Integer> first = MockTask.of(cx -> s.pollNext(cx));
        first.poll(); // subscribes and asks for one item
        burst(subject, 50); // item 0 goes to the stream's one slot; the rest meet the strategy
        assertEquals(0, MockTask.of(cx -> s.pollNext(cx)).pollReady());
        return rt.blockOn(Streams.collect(s));
    }

    // ---- schedulers

    @Test
    void theRuntimeAsASchedulerRunsWorkersSeriallyInOrder() throws Exception {
        Scheduler s = RxJavaAdapters.asScheduler(rt);
        Flowable.range(0, 100).observeOn(s).map(x -> Thread.currentThread().getName()).distinct().test()
                .awaitDone(10, TimeUnit.SECONDS).assertComplete()
                .assertValueAt(0, name -> name.startsWith("weft-rx"));
        Scheduler.Worker w = s.createWorker();
        int n = 20_000;
        List<Integer> order = new ArrayList<>();
        AtomicInteger inside = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < n; i++) {
            int k = i;
            w.schedule(() -> {
                if (inside.incrementAndGet() != 1) {
                    overlapped.set(true);
                }
                order.add(k);
                inside.decrementAndGet();
                if (k == n - 1) {
                    done.countDown();
                }
            });
        }
        await(done, "the last task");
        assertFalse(overlapped.get());
        assertEquals(range(n), order);
        w.dispose();
    }

    static void settle(WeftRuntime ct) {
        for (int i = 0; i < 5; i++) {
            ct.blockOn(Futures.yieldNow());
        }
    }

    @Test
    void delaysRunOnTheTimingWheelAndDisposalCancelsThem() {
        try (WeftRuntime paused = WeftRuntime.builder().currentThread().pausedClock().build()) {
            Scheduler s = RxJavaAdapters.asScheduler(paused);
            AtomicInteger hourly = new AtomicInteger();
            s.scheduleDirect(hourly::incrementAndGet, 1, TimeUnit.HOURS);
            Scheduler.Worker w = s.createWorker();
            AtomicBoolean ranAfterDispose = new AtomicBoolean();
            w.schedule(() -> ranAfterDispose.set(true), 30, TimeUnit.MINUTES);
            settle(paused);
            w.dispose();
            paused.advanceTime(Duration.ofMinutes(61));
            settle(paused);
            assertEquals(1, hourly.get(), "an hour passed on the wheel in no real time");
            assertFalse(ranAfterDispose.get(), "a disposed worker ran pending work");
        }
    }

    @Test
    void weftTasksCanBePolledOnAnRxJavaSchedulersThreads() {
        Scheduler single = Schedulers.single();
        try (WeftRuntime onRx = WeftRuntime.builder().executor(RxJavaAdapters.asExecutor(single)).build()) {
            String name = onRx.blockOn(onRx.spawn(Futures.flatMap(dev.weft.time.Time.sleep(Duration.ofMillis(5)),
                    v -> Futures.lazy(() -> Thread.currentThread().getName()))));
            assertTrue(name.startsWith("RxSingleScheduler"), name);
        }
    }

    @Test
    void aThrowingScheduledTaskGoesToRxJavaPlugins() throws Exception {
        Scheduler.Worker w = RxJavaAdapters.asScheduler(rt).createWorker();
        IllegalStateException boom = new IllegalStateException("boom");
        CountDownLatch after = new CountDownLatch(1);
        w.schedule(() -> {
            throw boom;
        });
        w.schedule(after::countDown);
        await(after, "the next task");
        assertEquals(1, pluginErrors.size());
        assertSame(boom, pluginErrors.get(0).getCause() != null && pluginErrors.get(0) != boom ? pluginErrors.get(0).getCause() : pluginErrors.get(0));
        pluginErrors.clear();
        w.dispose();
    }

    @Test
    void undeliverableErrorsCanBeRoutedToRxJava() {
        RxJavaAdapters.routeUndeliverableErrorsToRxJava();
        try {
            RuntimeException e = new RuntimeException("nobody listens");
            WeftHooks.onUndeliverableError(e);
            assertEquals(1, pluginErrors.size());
            pluginErrors.clear();
        } finally {
            WeftHooks.setErrorHandler(null);
        }
    }

    @Test
    void badInput() {
        assertThrows(NullPointerException.class, () -> RxJavaAdapters.singleToFuture(null));
        assertThrows(NullPointerException.class, () -> RxJavaAdapters.futureToSingle(null, rt));
        assertThrows(NullPointerException.class, () -> RxJavaAdapters.observableToStream(Observable.empty(), null));
        assertThrows(IllegalArgumentException.class, () -> ObservableOverflow.buffer(0));
        assertThrows(IllegalArgumentException.class, () -> ObservableOverflow.dropOldest(-1));
    }
}
