package dev.weft.adapters.reactor;

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
import dev.weft.testing.ProbeFuture;
import dev.weft.testing.NoUndeliverableErrors;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import dev.weft.adapters.reactivestreams.StreamOptions;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.test.StepVerifier;

@ExtendWith(NoUndeliverableErrors.class)
class ReactorAdaptersTest {
    private final WeftRuntime rt = WeftRuntime.builder().workerThreads(2).threadNamePrefix("weft-test").build();
    private final List<Throwable> dropped = new CopyOnWriteArrayList<>();

    @BeforeEach
    void watchDroppedErrors() {
        Hooks.onErrorDropped(dropped::add);
    }

    @AfterEach
    void close() {
        rt.close();
        Hooks.resetOnErrorDropped();
        assertEquals(List.of(), dropped, "no error may be dropped (a cancel is not an error)");
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    static void await(CountDownLatch latch, String what) throws InterruptedException {
        ProbeFuture.await(latch, what);
    }

    // ---- Mono -> future

    @Test
    void monoToFutureRequestsOneAndResolvesValueEmptyOrError() {
        AtomicInteger requested = new AtomicInteger();
        assertEquals("v", rt.blockOn(ReactorAdapters.monoToFuture(Mono.just("v").doOnRequest(n -> requested.addAndGet((int) Math.min(n, 1000))))));
        assertEquals(1, requested.get());
        assertNull(rt.blockOn(ReactorAdapters.monoToFuture(Mono.empty())));
        IOException io = new IOException("x");
        assertSame(io, assertThrows(IOException.class, () -> MockTask.of(ReactorAdapters.monoToFuture(Mono.error(io))).poll()));
        assertEquals(7, (int) rt.blockOn(ReactorAdapters.monoToFuture(Mono.delay(Duration.ofMillis(5)).map(x -> 7))));
    }

    @Test
    void monoToFutureSubscribesLazilyAndCancelCancelsTheSubscription() {
        AtomicBoolean subscribed = new AtomicBoolean();
        AtomicBoolean cancelled = new AtomicBoolean();
        Future<Object> f = ReactorAdapters.monoToFuture(Mono.never().doOnSubscribe(s -> subscribed.set(true)).doOnCancel(() -> cancelled.set(true)));
        assertFalse(subscribed.get(), "nothing happens before the first poll");
        MockTask.of(f).pollPending();
        assertTrue(subscribed.get());
        f.cancel();
        assertTrue(cancelled.get());
    }

    // ---- future -> Mono

    @Test
    void futureToMonoIsColdAndCompletesWithValueEmptyOrError() {
        AtomicInteger made = new AtomicInteger();
        Mono<Integer> m = ReactorAdapters.futureToMono(() -> Futures.lazy(made::incrementAndGet), rt);
        assertEquals(0, made.get(), "nothing runs before a subscription");
        StepVerifier.create(m).expectNext(1).verifyComplete();
        StepVerifier.create(m).expectNext(2).verifyComplete();
        StepVerifier.create(ReactorAdapters.futureToMono(() -> Futures.ready(null), rt)).verifyComplete();
        IOException io = new IOException("boom");
        StepVerifier.create(ReactorAdapters.futureToMono(() -> Futures.failed(io), rt)).expectErrorMatches(e -> e == io).verify();
    }

    @Test
    void cancellingTheSubscriberAbortsTheTaskWithoutAnError() throws Exception {
        ProbeFuture<String> work = new ProbeFuture<>();
        Disposable d = ReactorAdapters.futureToMono(() -> work, rt).subscribe();
        await(work.polled, "the first poll");
        d.dispose();
        await(work.cancelled, "the abort");
    }

    @Test
    void aRuntimeThatShutsDownFailsTheMono() {
        WeftRuntime doomed = WeftRuntime.builder().workerThreads(1).build();
        Mono<String> m = ReactorAdapters.futureToMono(ProbeFuture::new, doomed);
        StepVerifier.create(m).then(doomed::close).expectError(CancellationException.class).verify(Duration.ofSeconds(10));
    }

    @Test
    void spawnMonoStartsAtOnceAndReplays() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        Mono<Integer> m = ReactorAdapters.spawnMono(rt, Futures.lazy(() -> {
            ran.countDown();
            return 5;
        }));
        await(ran, "the spawned task");
        StepVerifier.create(m).expectNext(5).verifyComplete();
        StepVerifier.create(m).expectNext(5).verifyComplete();
    }

    // ---- Flux <-> stream

    @Test
    void fluxToStreamRequestsInWindowsAndCancelsUpstream() {
        List<Long> requests = new CopyOnWriteArrayList<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        Flux<Integer> flux = Flux.range(0, 1000).doOnRequest(requests::add).doOnCancel(() -> cancelled.set(true));
        AsyncStream<Integer> s = ReactorAdapters.fluxToStream(flux, dev.weft.adapters.reactivestreams.StreamOptions.prefetch(16));
        assertEquals(range(10), rt.blockOn(Streams.collect(Streams.take(s, 10))));
        assertEquals(16L, requests.get(0));
        assertTrue(cancelled.get(), "take(10) cancelled the Flux");
    }

    @Test
    void streamToFluxHonoursBackpressureStepByStep() {
        Flux<Integer> flux = ReactorAdapters.streamToFlux(Streams.fromIterable(range(10)), rt);
        StepVerifier.create(flux, 0)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(50))
                .thenRequest(2)
                .expectNext(0, 1)
                .expectNoEvent(Duration.ofMillis(50))
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(8)
                .verifyComplete();
    }

    @Test
    void streamToFluxPropagatesErrorsAndCancellation() throws Exception {
        IOException io = new IOException("stream failed");
        StepVerifier.create(ReactorAdapters.streamToFlux(Streams.error(io), rt)).expectErrorMatches(e -> e == io).verify();
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
        StepVerifier.create(ReactorAdapters.streamToFlux(never, rt)).thenRequest(1).thenCancel().verify();
        await(streamCancelled, "the stream's cancel");
    }

    @Test
    void roundTripsHandBackTheOriginalStream() {
        AsyncStream<Integer> s = Streams.fromIterable(range(3));
        assertSame(s, ReactorAdapters.fluxToStream(ReactorAdapters.streamToFlux(s, rt)));
        Flux<Integer> withOperator = ReactorAdapters.streamToFlux(Streams.fromIterable(range(3)), rt).map(x -> x + 1);
        assertEquals(List.of(1, 2, 3), rt.blockOn(Streams.collect(ReactorAdapters.fluxToStream(withOperator))));
    }

    @Test
    void aFluxTurnedIntoAStreamAndBackIsThatFlux() {
        Flux<Integer> flux = Flux.range(0, 3);
        assertSame(flux, ReactorAdapters.streamToFlux(ReactorAdapters.fluxToStream(flux), rt));
    }

    /**
     * Reactor wraps any subscriber that is not a CoreSubscriber in a StrictSubscriber, two atomic
     * operations per item; the stream subscribes as Reactor's own kind and checks the rules it
     * relies on itself.
     */
    @Test
    void fluxToStreamSubscribesAsACoreSubscriber() {
        List<CoreSubscriber<?>> seen = new CopyOnWriteArrayList<>();
        Flux<Integer> source = new Flux<>() {
            @Override
            public void subscribe(CoreSubscriber<? super Integer> actual) {
                seen.add(actual);
                Flux.range(0, 300).subscribe(actual);
            }
        };
        assertEquals(range(300), rt.blockOn(Streams.collect(ReactorAdapters.fluxToStream(source))));
        assertEquals(TrustedFlux.Core.class, seen.get(0).getClass(), "not wrapped in Reactor's StrictSubscriber");
    }

    @Test
    void aFluxThatSendsMoreThanRequestedIsCancelledAndTheStreamFailsNamingTheRule() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Flux<Integer> flood = new Flux<>() {
            @Override
            public void subscribe(CoreSubscriber<? super Integer> actual) {
                actual.onSubscribe(new Subscription() {
                    @Override
                    public void request(long n) {
                        for (int i = 0; i < 10 && !cancelled.get(); i++) {
                            actual.onNext(i); // ignores n: a broken Flux
                        }
                    }

                    @Override
                    public void cancel() {
                        cancelled.set(true);
                    }
                });
            }
        };
        AsyncStream<Integer> s = ReactorAdapters.fluxToStream(flood, StreamOptions.prefetch(4));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MockTask.of(Streams.collect(s)).poll());
        assertTrue(e.getMessage().contains("rule 1.1"), e.getMessage());
        assertTrue(cancelled.get());
    }

    @Test
    void deferredStreamToFluxServesEverySubscriber() {
        Flux<Integer> flux = ReactorAdapters.deferredStreamToFlux(() -> Streams.fromIterable(range(3)), rt);
        StepVerifier.create(flux).expectNext(0, 1, 2).verifyComplete();
        StepVerifier.create(flux).expectNext(0, 1, 2).verifyComplete();
    }

    // ---- the runtime as a Scheduler

    @Test
    void scheduledWorkRunsOnWeftWorkers() {
        Scheduler s = ReactorAdapters.asScheduler(rt);
        StepVerifier.create(Flux.range(0, 100).publishOn(s).map(x -> Thread.currentThread().getName()).distinct())
                .thenConsumeWhile(name -> name.startsWith("weft-test"))
                .verifyComplete();
    }

    @Test
    void aWorkerRunsItsTasksOneAtATimeInOrder() throws Exception {
        Scheduler.Worker w = ReactorAdapters.asScheduler(rt).createWorker();
        int n = 20_000;
        List<Integer> order = new ArrayList<>(); // not thread-safe on purpose: the worker is serial
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

    /** Lets a current-thread runtime run everything that is ready (it runs tasks only in blockOn). */
    static void settle(WeftRuntime ct) {
        for (int i = 0; i < 5; i++) {
            ct.blockOn(Futures.yieldNow());
        }
    }

    @Test
    void delaysAndPeriodsRunOnTheTimingWheelAndDisposalCancelsThem() {
        try (WeftRuntime paused = WeftRuntime.builder().currentThread().pausedClock().build()) {
            Scheduler s = ReactorAdapters.asScheduler(paused);
            AtomicInteger hourly = new AtomicInteger();
            s.schedule(hourly::incrementAndGet, 1, TimeUnit.HOURS);
            Scheduler.Worker w = s.createWorker();
            AtomicBoolean ranAfterDispose = new AtomicBoolean();
            w.schedule(() -> ranAfterDispose.set(true), 30, TimeUnit.MINUTES);
            AtomicInteger ticks = new AtomicInteger();
            Disposable periodic = s.schedulePeriodically(ticks::incrementAndGet, 0, 10, TimeUnit.MINUTES);
            settle(paused); // every timer registers; the first tick (at 0) runs
            assertEquals(1, ticks.get());
            w.dispose(); // cancels the worker's pending 30-minute task
            for (int minute = 5; minute <= 25; minute += 5) { // step by step: a jump would skip ticks
                paused.advanceTime(Duration.ofMinutes(5));
                settle(paused);
            }
            assertEquals(3, ticks.get(), "ticks at 0, 10 and 20 minutes");
            assertEquals(0, hourly.get());
            periodic.dispose();
            settle(paused);
            paused.advanceTime(Duration.ofMinutes(40));
            settle(paused);
            assertEquals(1, hourly.get(), "the one-hour task ran once, on the wheel, in no real time");
            assertEquals(3, ticks.get(), "a disposed periodic task stops");
            assertFalse(ranAfterDispose.get(), "a disposed worker ran pending work");
        }
    }

    @Test
    void aDisposedSchedulerRejectsWorkButLeavesTheRuntimeRunning() {
        Scheduler s = ReactorAdapters.asScheduler(rt);
        s.dispose();
        assertTrue(s.isDisposed());
        assertThrows(java.util.concurrent.RejectedExecutionException.class, () -> s.schedule(() -> {}));
        assertEquals(1, rt.blockOn(Futures.lazy(() -> 1)));
    }

    @Test
    void aThrowingScheduledTaskGoesToOnErrorDropped() throws Exception {
        CountDownLatch after = new CountDownLatch(1);
        Scheduler.Worker w = ReactorAdapters.asScheduler(rt).createWorker();
        IllegalStateException boom = new IllegalStateException("boom");
        w.schedule(() -> {
            throw boom;
        });
        w.schedule(after::countDown);
        await(after, "the next task");
        assertEquals(List.of(boom), List.copyOf(dropped));
        dropped.clear();
        w.dispose();
    }

    @Test
    void undeliverableErrorsCanBeRoutedToReactor() {
        ReactorAdapters.routeUndeliverableErrorsToReactor();
        try {
            RuntimeException e = new RuntimeException("nobody listens");
            WeftHooks.onUndeliverableError(e);
            assertEquals(List.of(e), List.copyOf(dropped));
            dropped.clear();
        } finally {
            WeftHooks.setErrorHandler(null);
        }
    }

    @Test
    void reactorsAssemblyTracingStillWorksAcrossTheBridge() {
        Hooks.onOperatorDebug();
        try {
            Flux<Integer> f = ReactorAdapters.streamToFlux(Streams.<Integer>error(new IOException("deep")), rt).map(x -> x + 1);
            StepVerifier.create(f).expectErrorSatisfies(e -> {
                assertTrue(e instanceof IOException);
                String traces = java.util.Arrays.stream(e.getSuppressed()).map(Throwable::getMessage)
                        .collect(java.util.stream.Collectors.joining("\n"));
                assertTrue(traces.contains("Assembly trace"), "no assembly trace on " + e);
                assertTrue(traces.contains("ReactorAdaptersTest"), "the trace points at the test's assembly: " + traces);
            }).verify();
        } finally {
            Hooks.resetOnOperatorDebug();
        }
    }

    @Test
    void theSubscribersContextIsSeenByTheTaskAndFlowsIntoTheMonosItAwaits() {
        Mono<String> m = ReactorAdapters.futureToMono(() -> Futures.flatMap(Futures.yieldNow(), v -> {
            String user = ReactorAdapters.currentContext().get("user");
            ReactorAdapters.putContext("trace", "t-1");
            return ReactorAdapters.monoToFuture(Mono.deferContextual(
                    ctx -> Mono.just(user + " " + ctx.get("trace") + " " + ctx.get("user"))));
        }), rt).contextWrite(reactor.util.context.Context.of("user", "ada"));
        StepVerifier.create(m).expectNext("ada t-1 ada").verifyComplete();

        Mono<Boolean> notCopied = ReactorAdapters.futureToMono(
                () -> Futures.lazy(() -> ReactorAdapters.currentContext().isEmpty()), rt, false)
                .contextWrite(reactor.util.context.Context.of("user", "ada"));
        StepVerifier.create(notCopied).expectNext(true).verifyComplete();
        assertThrows(IllegalStateException.class, () -> ReactorAdapters.putContext("k", "v"), "outside a task from futureToMono");
    }

    @Test
    void weftTasksCanBePolledOnAReactorSchedulersThreads() {
        Scheduler parallel = reactor.core.scheduler.Schedulers.newParallel("app-parallel", 2);
        try (WeftRuntime onReactor = WeftRuntime.builder().executor(ReactorAdapters.asExecutor(parallel)).build()) {
            Mono<String> m = ReactorAdapters.futureToMono(() -> Futures.flatMap(
                    dev.weft.time.Time.sleep(Duration.ofMillis(5)), // timers still run, on the runtime's driver
                    v -> Futures.lazy(() -> Thread.currentThread().getName())), onReactor);
            StepVerifier.create(m).assertNext(name -> assertTrue(name.startsWith("app-parallel"), name)).verifyComplete();
            List<dev.weft.runtime.JoinHandle<Integer>> hs = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int k = i;
                hs.add(onReactor.spawn(Futures.flatMap(Futures.yieldNow(), v -> Futures.lazy(() -> k))));
            }
            assertEquals(range(1000), onReactor.blockOn(Futures.joinAll(hs)));
        } finally {
            parallel.dispose();
        }
    }

    @Test
    void reactorTimersInsideATaskRunOnVirtualTime() {
        StepVerifier.withVirtualTime(() -> ReactorAdapters.futureToMono(
                        () -> ReactorAdapters.monoToFuture(Mono.delay(Duration.ofHours(1)).map(x -> "an hour later")), rt))
                .expectSubscription()
                .expectNoEvent(Duration.ofMinutes(59))
                .thenAwait(Duration.ofMinutes(1))
                .expectNext("an hour later")
                .verifyComplete();
    }

    @Test
    void fluxToStreamTakesTheFluxsOwnBoundedPrefetch() {
        Flux<Integer> buffered = Flux.range(0, 100).publishOn(reactor.core.scheduler.Schedulers.immediate(), 32);
        assertEquals(32, ReactorAdapters.optionsFor(buffered).prefetch(), "a bounded prefetch is adopted");
        assertEquals(dev.weft.adapters.reactivestreams.StreamOptions.DEFAULT_PREFETCH,
                ReactorAdapters.optionsFor(Flux.range(0, 10)).prefetch(), "no declared prefetch: the default");
        assertEquals(range(100), rt.blockOn(Streams.collect(ReactorAdapters.fluxToStream(buffered))));
    }

    @Test
    void badInput() {
        assertThrows(NullPointerException.class, () -> ReactorAdapters.monoToFuture(null));
        assertThrows(NullPointerException.class, () -> ReactorAdapters.futureToMono(null, rt));
        assertThrows(NullPointerException.class, () -> ReactorAdapters.fluxToStream(null));
        assertThrows(NullPointerException.class, () -> ReactorAdapters.asScheduler(null));
        assertThrows(IllegalArgumentException.class,
                () -> ReactorAdapters.asScheduler(rt).schedulePeriodically(() -> {}, 0, 0, TimeUnit.SECONDS));
    }
}
